import { z } from 'zod';
import type { JsonValue } from './canonical-json.js';

export const AUDIT_OUTCOMES = [
  'ok',
  'error',
  'invalid',
  'refused',
  'planned',
  'applied',
  'cancelled',
] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The "prev" of the first line: there is no line before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller hands to `append`; the log adds time, server, the chain fields and redaction. */
export interface AuditEntryInput {
  tool: string;
  /** OS user on stdio, token subject over HTTP. */
  caller: string;
  session: string;
  arguments: unknown;
  outcome: AuditOutcome;
  durationMs: number;
  /** Graph `request-id`s the call caused. */
  requestIds?: readonly string[];
  /** e.g. the plan of a write, or the error summary. */
  detail?: unknown;
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const keyId = z.string().regex(/^[0-9a-f]{16}$/, 'a 16-character hex key id');

export const auditRecordSchema = z
  .strictObject({
    seq: z.number().int().positive(),
    time: z.iso.datetime(),
    server: z.string(),
    tool: z.string(),
    caller: z.string(),
    session: z.string(),
    arguments: jsonValue,
    outcome: z.enum(AUDIT_OUTCOMES),
    durationMs: z.number().nonnegative(),
    requestIds: z.array(z.string()),
    detail: jsonValue.optional(),
    prev: sha256Hex,
    /**
     * How `hash` was made: absent on unkeyed lines (plain SHA-256, which anyone can recompute), and
     * "hmac-sha256" with the id of the key on keyed lines (only the key's holder can make it).
     */
    mac: z.literal('hmac-sha256').optional(),
    keyId: keyId.optional(),
    hash: sha256Hex,
  })
  .refine((record) => (record.mac === undefined) === (record.keyId === undefined), {
    message: 'mac and keyId go together',
    path: ['mac'],
  });

/** One line of the audit file, as written. */
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type UnsealedAuditRecord = Omit<AuditRecord, 'hash'>;
