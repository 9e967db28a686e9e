import type { AuditKey } from './audit-key.js';
import { findDuplicateKey } from './duplicate-keys.js';
import { hashRecord, macRecord, sameDigest } from './hash.js';
import { type AuditRecord, auditRecordSchema } from './record.js';

export type ParsedLine = { ok: true; record: AuditRecord } | { ok: false; reason: string };

/** One line of the log as a record, or why it is not one. */
export function parseAuditLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON (truncated or edited line)' };
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    return {
      ok: false,
      reason: `the key "${duplicate}" appears twice: readers disagree on which value counts, so the line was edited`,
    };
  }
  const parsed = auditRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    return { ok: false, reason: `not an audit record${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, record: parsed.data };
}

/** Where the chain stands before a line. */
export interface ChainPosition {
  seq: number;
  hash: string;
  /** A keyed line came before: an unkeyed one now means the log was resealed without the key. */
  keyed: boolean;
}

/**
 * Why a record does not continue the chain at `position`, or undefined when it does. Without a key
 * the MAC of a keyed line cannot be checked (only its place in the chain).
 */
export function chainProblem(
  record: AuditRecord,
  position: ChainPosition,
  key: AuditKey | undefined,
): string | undefined {
  if (record.mac === undefined) {
    if (position.keyed) {
      return 'an unkeyed line after keyed ones: the log was edited and resealed with the public algorithm from here';
    }
    if (!sameDigest(hashRecord(record), record.hash)) return 'hash mismatch: the line was edited';
  } else if (key !== undefined) {
    if (record.keyId !== key.id) {
      return `sealed with another key (key id ${record.keyId}; the given key's id is ${key.id}): the wrong key file, or the log was resealed with another key from here`;
    }
    if (!sameDigest(macRecord(record, key), record.hash)) {
      return 'MAC mismatch: the line was edited (and resealed without the key) from here';
    }
  }
  const expectedSeq = position.seq + 1;
  if (record.seq !== expectedSeq) {
    return `sequence ${record.seq} where ${expectedSeq} was expected: a line was deleted or lines were reordered`;
  }
  if (record.prev !== position.hash) {
    return 'prev does not match the hash of the line before: a line was replaced, deleted or moved';
  }
  return undefined;
}

export function advance(record: AuditRecord, position: ChainPosition): ChainPosition {
  return { seq: record.seq, hash: record.hash, keyed: position.keyed || record.mac !== undefined };
}
