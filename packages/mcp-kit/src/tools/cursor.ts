import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ToolInputError } from './tool-input-error.js';

export const limitSchema = z
  .number()
  .int()
  .min(1)
  .max(200)
  .default(25)
  .describe('Maximum number of items to return (1-200, default 25)');

export const cursorSchema = z
  .string()
  .min(1)
  .max(4096)
  .optional()
  .describe('Opaque cursor from a previous call of this tool, to get the next page; omit for the first page');

// Cursors are opaque to the model but not secret: they carry paging state, never credentials. They
// are signed (HMAC-SHA256 with a key made when the process starts), because a cursor comes back from
// the model and the state in it is trusted (an audit's running totals, the sites still to visit): an
// altered or forged cursor is refused. A cursor therefore lives as long as the server process. The
// version lets a server change its cursor state without misreading old cursors.
const cursorVersion = 2;
const envelopeSchema = z.object({ v: z.literal(cursorVersion), s: z.unknown() });
const signingKey = randomBytes(32);
const MAC_BYTES = 16;

function mac(payload: string): string {
  return createHmac('sha256', signingKey)
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');
}

export function encodeCursor(state: unknown): string {
  const payload = Buffer.from(JSON.stringify({ v: cursorVersion, s: state }), 'utf8').toString('base64url');
  return `${payload}.${mac(payload)}`;
}

const badCursor = (why: string) =>
  new ToolInputError(
    `The cursor is not valid (${why}). Pass the cursor exactly as a previous call of this tool returned it, or omit it to start from the first page.`,
  );

function signedPayload(cursor: string): string {
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(`${payload}${signature}`)) {
    throw badCursor('not a cursor this server issued');
  }
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw badCursor('it was altered, or issued before this server restarted');
  }
  return payload;
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  const payload = signedPayload(cursor);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('not readable');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw badCursor('unknown format or version');
  const state = schema.safeParse(envelope.data.s);
  if (!state.success) throw badCursor('it does not belong to this tool');
  return state.data;
}

const offsetStateSchema = z.object({ offset: z.number().int().min(0) });

/**
 * Pages an in-memory list (already fetched and bounded by graph-core's caps) with an offset cursor.
 * The cursor is absent on the last page.
 */
export function paginate<T>(
  items: readonly T[],
  options: { limit: number; cursor?: string | undefined },
): { page: T[]; cursor?: string } {
  const offset = options.cursor ? decodeCursor(options.cursor, offsetStateSchema).offset : 0;
  const end = offset + options.limit;
  const page = items.slice(offset, end);
  return end < items.length ? { page, cursor: encodeCursor({ offset: end }) } : { page };
}
