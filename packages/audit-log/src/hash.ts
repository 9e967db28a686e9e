import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import type { AuditRecord, UnsealedAuditRecord } from './record.js';

/** SHA-256 over the canonical JSON of the record without its own hash. */
export function hashRecord(record: UnsealedAuditRecord): string {
  const { hash: _ignored, ...rest } = record as UnsealedAuditRecord & { hash?: string };
  return createHash('sha256')
    .update(canonicalJson(rest as unknown as JsonValue))
    .digest('hex');
}

export function sealRecord(record: UnsealedAuditRecord): AuditRecord {
  return { ...record, hash: hashRecord(record) };
}

export function serialiseRecord(record: AuditRecord): string {
  return `${canonicalJson(record as unknown as JsonValue)}\n`;
}
