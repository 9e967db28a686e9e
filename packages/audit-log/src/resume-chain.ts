import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { AuditKey } from './audit-key.js';
import { advance, type ChainPosition, chainProblem, parseAuditLine } from './chain-check.js';
import { checkpointProblem, describeCut, readCheckpoint } from './checkpoint.js';
import { AuditLogError } from './errors.js';
import { sameDigest } from './hash.js';
import { readLastLine } from './last-line.js';
import { type AuditRecord, GENESIS_HASH } from './record.js';

/** Where appends continue, and what the writer must know about the file it continues. */
export interface ResumedChain {
  seq: number;
  hash: string;
  /** Bytes in the log: the checkpoint records where each line ends. */
  size: number;
  /** The checkpoint does not yet record the head (a log from before keys, or a crash after an append). */
  checkpointBehind: boolean;
  warnings: string[];
}

const GENESIS = { seq: 0, hash: GENESIS_HASH };

function verifyCommand(path: string, keyed: boolean): string {
  return `"m365-audit verify ${path}${keyed ? ' --key-file <audit key file>' : ''}"`;
}

function refuse(path: string, problem: string, keyed: boolean): AuditLogError {
  return new AuditLogError(
    `Refusing to append to the audit log ${path}: ${problem}. Run ${verifyCommand(path, keyed)} to see what changed; to start a new log, move the log and its checkpoint aside (keep them as evidence).`,
  );
}

async function lastRecord(handle: FileHandle, path: string, keyed: boolean, end?: number) {
  const text = await readLastLine(handle, end);
  if (text === undefined) return undefined;
  const parsed = parseAuditLine(text);
  // Continuing after a damaged line would chain onto garbage; the operator must look first.
  if (!parsed.ok) throw refuse(path, `its last line is not a valid audit record (${parsed.reason})`, keyed);
  return parsed.record;
}

/**
 * Finds the head of an existing log and checks what can be checked quickly: with a key, the
 * checkpoint is authenticated, the line it records is found at the byte offset it records and must
 * be that very line, and every line after it is checked in full. Lines before the checkpoint are
 * left to `m365-audit verify` (a start must stay fast on a log of millions of lines); editing them
 * without the key fails their MAC there.
 */
export async function resumeChain(
  handle: FileHandle,
  path: string,
  key: AuditKey | undefined,
  checkpointPath: string,
): Promise<ResumedChain> {
  const { size } = await handle.stat();
  if (key === undefined) {
    const last = await lastRecord(handle, path, false);
    if (last?.mac !== undefined) {
      throw new AuditLogError(
        `Refusing to append to the audit log ${path} without its key: its lines are keyed (key id ${last.keyId}), and an unkeyed line after them would read as tampering. Configure the key file (--audit-key-file or M365_AUDIT_KEY_FILE).`,
      );
    }
    return { ...(last ?? GENESIS), size, checkpointBehind: false, warnings: [] };
  }

  const checkpoint = await readCheckpoint(checkpointPath);
  if (checkpoint === undefined) {
    const last = await lastRecord(handle, path, true);
    if (last === undefined) return { ...GENESIS, size, checkpointBehind: false, warnings: [] };
    if (last.mac !== undefined) {
      throw refuse(
        path,
        `its lines are keyed but its checkpoint ${checkpointPath} is missing, so lines cut from the end could not be detected (a copy shipped elsewhere can be given to the verify command with --checkpoint)`,
        true,
      );
    }
    return {
      seq: last.seq,
      hash: last.hash,
      size,
      checkpointBehind: true,
      warnings: [
        `The audit log ${path} was written without a key (lines 1..${last.seq}): anyone who could write the file could have rewritten them. New lines are keyed from line ${last.seq + 1}, and the head is checkpointed in ${checkpointPath}.`,
      ],
    };
  }

  const untrusted = checkpointProblem(checkpoint, key);
  if (untrusted !== undefined)
    throw refuse(path, `its checkpoint ${checkpointPath} cannot be trusted: ${untrusted}`, true);
  if (size < checkpoint.size) {
    let lastSeq: number | undefined;
    try {
      lastSeq = (await lastRecord(handle, path, true))?.seq ?? 0;
    } catch {
      lastSeq = undefined;
    }
    const what =
      lastSeq !== undefined && lastSeq >= checkpoint.seq
        ? `the log was rewritten at or before line ${checkpoint.seq}`
        : describeCut(lastSeq, checkpoint.seq);
    throw refuse(
      path,
      `it is shorter than its checkpoint ${checkpointPath} records (line ${checkpoint.seq} ended at byte ${checkpoint.size}): ${what}`,
      true,
    );
  }

  let head: ChainPosition = { ...GENESIS, keyed: false };
  if (checkpoint.seq > 0) {
    const text = await readLastLine(handle, checkpoint.size);
    const parsed = text === undefined ? undefined : parseAuditLine(text);
    const record: AuditRecord | undefined = parsed?.ok ? parsed.record : undefined;
    const matches =
      record !== undefined &&
      record.seq === checkpoint.seq &&
      sameDigest(record.hash, checkpoint.hash) &&
      // The line itself must be sound: its MAC (or, before keys, its hash) over its own content.
      chainProblem(record, { seq: record.seq - 1, hash: record.prev, keyed: false }, key) === undefined;
    if (!matches || record === undefined) {
      throw refuse(
        path,
        `line ${checkpoint.seq} is not the line its checkpoint ${checkpointPath} records: the log was rewritten at or before line ${checkpoint.seq}`,
        true,
      );
    }
    head = { seq: record.seq, hash: record.hash, keyed: record.mac !== undefined };
  }

  // Lines after the checkpoint: normally none, one after a crash between an append and its checkpoint.
  const after = createInterface({
    input: createReadStream(path, { encoding: 'utf8', start: checkpoint.size }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const text of after) {
      if (text.trim() === '') throw refuse(path, `an empty line follows line ${head.seq}`, true);
      const parsed = parseAuditLine(text);
      const line = head.seq + 1;
      if (!parsed.ok) throw refuse(path, `line ${line} is broken: ${parsed.reason}`, true);
      const problem = chainProblem(parsed.record, head, key);
      if (problem !== undefined) throw refuse(path, `line ${line} is broken: ${problem}`, true);
      head = advance(parsed.record, head);
    }
  } finally {
    after.close();
  }
  return {
    seq: head.seq,
    hash: head.hash,
    size,
    checkpointBehind: head.seq !== checkpoint.seq,
    warnings: [],
  };
}
