import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { hashRecord } from './hash.js';
import { auditRecordSchema, GENESIS_HASH } from './record.js';

export type AuditVerification = { ok: true; lines: number } | { ok: false; line: number; reason: string };

/**
 * Walks the chain and reports the FIRST broken line (1-based). An edited line fails its own hash;
 * a deleted or moved line breaks the sequence or the link to the line before. What no chain can
 * show is lines cut from the end of the file: compare `lines` with a count kept elsewhere.
 */
export async function verifyAuditLog(path: string): Promise<AuditVerification> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  let pendingBlank: number | undefined;
  try {
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') {
        pendingBlank ??= lineNumber;
        continue;
      }
      if (pendingBlank !== undefined) {
        return { ok: false, line: pendingBlank, reason: 'empty line inside the log' };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { ok: false, line: lineNumber, reason: 'not valid JSON (truncated or edited line)' };
      }
      const parsed = auditRecordSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
        return {
          ok: false,
          line: lineNumber,
          reason: `not an audit record${where}: ${issue?.message ?? 'invalid'}`,
        };
      }
      const record = parsed.data;
      if (hashRecord(record) !== record.hash) {
        return { ok: false, line: lineNumber, reason: 'hash mismatch: the line was edited' };
      }
      if (record.seq !== expectedSeq) {
        return {
          ok: false,
          line: lineNumber,
          reason: `sequence ${record.seq} where ${expectedSeq} was expected: a line was deleted or lines were reordered`,
        };
      }
      if (record.prev !== expectedPrev) {
        return {
          ok: false,
          line: lineNumber,
          reason: 'prev does not match the hash of the line before: a line was replaced, deleted or moved',
        };
      }
      expectedSeq += 1;
      expectedPrev = record.hash;
    }
  } finally {
    lines.close();
  }
  return { ok: true, lines: expectedSeq - 1 };
}
