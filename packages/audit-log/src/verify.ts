import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditKey } from './audit-key.js';
import { advance, type ChainPosition, chainProblem, parseAuditLine } from './chain-check.js';
import {
  type AuditCheckpoint,
  checkpointProblem,
  defaultCheckpointPath,
  describeCut,
  readCheckpoint,
} from './checkpoint.js';
import { AuditLogError } from './errors.js';
import { sameDigest } from './hash.js';
import { GENESIS_HASH } from './record.js';

export interface VerifyOptions {
  /** Checks the MAC of keyed lines and of the checkpoint; without it only the links are checked. */
  key?: AuditKey;
  /** A checkpoint to check the log against (e.g. a shipped copy); `<log>.checkpoint` when there is one. */
  checkpointPath?: string;
}

/**
 * `line` is the first broken line (1-based); a checkpoint that cannot be trusted has none.
 * `warnings` say what could not be checked (no key, no checkpoint, unkeyed lines).
 */
export type AuditVerification =
  | { ok: true; lines: number; warnings: string[] }
  | { ok: false; line?: number; reason: string; warnings: string[] };

interface CheckpointInUse {
  path: string;
  checkpoint: AuditCheckpoint;
}

async function findCheckpoint(path: string, options: VerifyOptions): Promise<CheckpointInUse | undefined> {
  const checkpointPath = options.checkpointPath ?? defaultCheckpointPath(path);
  const checkpoint = await readCheckpoint(checkpointPath);
  if (checkpoint === undefined && options.checkpointPath !== undefined) {
    throw new AuditLogError(`the checkpoint ${checkpointPath} does not exist`);
  }
  return checkpoint === undefined ? undefined : { path: checkpointPath, checkpoint };
}

/**
 * Walks the chain and reports the FIRST broken line. An edited line fails its hash (unkeyed) or
 * MAC (keyed); a deleted or moved line breaks the sequence or the link to the line before; lines
 * cut from the end, an emptied file, or a chain resealed from the start disagree with the
 * checkpoint. Only a holder of the key can reseal keyed lines or forge a checkpoint.
 */
export async function verifyAuditLog(path: string, options: VerifyOptions = {}): Promise<AuditVerification> {
  const { key } = options;
  const warnings: string[] = [];
  const inUse = await findCheckpoint(path, options);
  if (inUse !== undefined && key !== undefined) {
    const problem = checkpointProblem(inUse.checkpoint, key);
    if (problem !== undefined) {
      return { ok: false, reason: `the checkpoint ${inUse.path} cannot be trusted: ${problem}`, warnings };
    }
  }
  const checkpoint = inUse?.checkpoint;

  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  let position: ChainPosition = { seq: 0, hash: GENESIS_HASH, keyed: false };
  let pendingBlank: number | undefined;
  let unkeyedLines = 0;
  let keyedLines = 0;
  try {
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') {
        pendingBlank ??= lineNumber;
        continue;
      }
      if (pendingBlank !== undefined) {
        return { ok: false, line: pendingBlank, reason: 'empty line inside the log', warnings };
      }
      const parsed = parseAuditLine(text);
      if (!parsed.ok) return { ok: false, line: lineNumber, reason: parsed.reason, warnings };
      const { record } = parsed;
      const problem = chainProblem(record, position, key);
      if (problem !== undefined) return { ok: false, line: lineNumber, reason: problem, warnings };
      if (
        checkpoint !== undefined &&
        record.seq === checkpoint.seq &&
        !sameDigest(record.hash, checkpoint.hash)
      ) {
        return {
          ok: false,
          line: lineNumber,
          reason: `not the line the checkpoint ${inUse?.path} records (its hash differs): the log was rewritten at or before this line`,
          warnings,
        };
      }
      if (record.mac === undefined) unkeyedLines += 1;
      else keyedLines += 1;
      position = advance(record, position);
    }
  } finally {
    lines.close();
  }

  if (checkpoint !== undefined && position.seq < checkpoint.seq) {
    return {
      ok: false,
      line: position.seq + 1,
      reason: `the log ends at line ${position.seq} but the checkpoint ${inUse?.path} records line ${checkpoint.seq}: ${describeCut(position.seq, checkpoint.seq)}`,
      warnings,
    };
  }

  if (unkeyedLines > 0) {
    warnings.push(
      `lines 1..${unkeyedLines} are unkeyed (plain SHA-256): anyone who can write the file can edit them and reseal the chain; configure an audit key so new lines are keyed`,
    );
  }
  if (keyedLines > 0 && key === undefined) {
    warnings.push(
      `${keyedLines} keyed line(s) were not authenticated: give the key (--key-file or M365_AUDIT_KEY_FILE) to check their MACs; without it only the links between lines were checked`,
    );
  }
  if (inUse === undefined) {
    warnings.push(
      `no checkpoint (${defaultCheckpointPath(path)} not found; --checkpoint names another): only the chain was checked, so lines cut from the end of the file, or an emptied file, cannot be detected`,
    );
  } else if (key === undefined) {
    warnings.push(`the checkpoint ${inUse.path} was compared but not authenticated: that needs the key`);
  }
  return { ok: true, lines: position.seq, warnings };
}
