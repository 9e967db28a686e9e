import { hashRecord, sealRecord, serialiseRecord } from '../src/hash.js';
import { type AuditKey, type AuditRecord, auditRecordSchema, GENESIS_HASH } from '../src/index.js';

type Unsealed = Omit<AuditRecord, 'hash'>;

/** How an attacker recomputes `hash` for a rewritten line. */
export type Sealer = (record: Unsealed) => AuditRecord;

/** The published algorithm: drop the MAC fields, SHA-256 the rest. */
export const publicAlgorithm: Sealer = ({ mac: _mac, keyId: _keyId, ...record }) => sealRecord(record);

/** Keep the line's claim to be keyed, but compute the hash anyone can compute. */
export const sha256KeepingMacFields: Sealer = (record) => ({ ...record, hash: hashRecord(record) });

/** A key the attacker made; with `claimKeyId` the lines pretend to be sealed with that key. */
export function otherKey(key: AuditKey, claimKeyId?: string): Sealer {
  return (record) => {
    const { mac: _mac, keyId: _keyId, ...rest } = record;
    const sealed = sealRecord(rest, key);
    if (claimKeyId === undefined) return sealed;
    return { ...sealed, keyId: claimKeyId };
  };
}

export function parseRecord(line: string | undefined): AuditRecord {
  return auditRecordSchema.parse(JSON.parse(line ?? ''));
}

/**
 * Edits line `from` (0-based) and reseals it and every line after it so that each `prev` points at
 * the new hash before it: what someone who can write the file does to hide an edit.
 */
export function editAndReseal(
  lines: readonly string[],
  from: number,
  edit: (record: Unsealed) => void,
  seal: Sealer,
): string[] {
  const result = [...lines];
  let prev = from === 0 ? GENESIS_HASH : parseRecord(result[from - 1]).hash;
  for (let index = from; index < result.length; index += 1) {
    const { hash: _hash, ...record } = parseRecord(result[index]);
    if (index === from) edit(record);
    record.prev = prev;
    const sealed = seal(record);
    result[index] = serialiseRecord(sealed).trimEnd();
    prev = sealed.hash;
  }
  return result;
}
