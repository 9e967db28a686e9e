import { createHash, timingSafeEqual } from 'node:crypto';
import { AUDIT_MAC_SCHEME, type AuditKey } from './audit-key.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import type { AuditRecord, UnsealedAuditRecord } from './record.js';

function canonicalBody(record: UnsealedAuditRecord): string {
  const { hash: _ignored, ...rest } = record as UnsealedAuditRecord & { hash?: string };
  return canonicalJson(rest as unknown as JsonValue);
}

/**
 * SHA-256 over the canonical JSON of the record without its own hash: the unkeyed (public)
 * algorithm, which anyone who can write the file can recompute.
 */
export function hashRecord(record: UnsealedAuditRecord): string {
  return createHash('sha256').update(canonicalBody(record)).digest('hex');
}

/** HMAC-SHA-256 with the key over the same canonical JSON (which names the scheme and the key id). */
export function macRecord(record: UnsealedAuditRecord, key: AuditKey): string {
  return key.macRecord(canonicalBody(record));
}

/** Keyed when a key is given (the line then says so in `mac` and `keyId`), unkeyed otherwise. */
export function sealRecord(record: UnsealedAuditRecord, key?: AuditKey): AuditRecord {
  if (key === undefined) return { ...record, hash: hashRecord(record) };
  const keyed: UnsealedAuditRecord = { ...record, mac: AUDIT_MAC_SCHEME, keyId: key.id };
  return { ...keyed, hash: macRecord(keyed, key) };
}

/** Compares two hex digests without leaking where they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function serialiseRecord(record: AuditRecord): string {
  return `${canonicalJson(record as unknown as JsonValue)}\n`;
}
