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

// Cursors are opaque to the model but not secret: they carry paging state, never credentials.
// The version lets a server change its cursor state without misreading old cursors.
const cursorVersion = 1;
const envelopeSchema = z.object({ v: z.literal(cursorVersion), s: z.unknown() });

export function encodeCursor(state: unknown): string {
  return Buffer.from(JSON.stringify({ v: cursorVersion, s: state }), 'utf8').toString('base64url');
}

const badCursor = (why: string) =>
  new ToolInputError(
    `The cursor is not valid (${why}). Pass the cursor exactly as a previous call of this tool returned it, or omit it to start from the first page.`,
  );

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor('not base64url');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
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
