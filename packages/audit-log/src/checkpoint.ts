import { open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { AuditKey } from './audit-key.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { findDuplicateKey } from './duplicate-keys.js';
import { AuditLogError } from './errors.js';
import { sameDigest } from './hash.js';

export const CHECKPOINT_FORMAT = 'm365-audit-checkpoint/1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character hex digest');

/**
 * The head of the log as the writer last saw it, MAC'd with the log's key and kept outside the
 * log: lines cut from the end, an emptied file or a rewritten chain no longer match it.
 */
export const auditCheckpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  /** The last line written (0 for none). */
  seq: z.number().int().nonnegative(),
  /** That line's hash. */
  hash: hex64,
  /** Bytes of the log up to the end of that line: lets a server check the line without reading the whole log. */
  size: z.number().int().nonnegative(),
  time: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'a 16-character hex key id'),
  mac: hex64,
});
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;
export type CheckpointHead = Pick<AuditCheckpoint, 'seq' | 'hash' | 'size' | 'time'>;

/** Where a log's checkpoint lives unless configured otherwise. */
export function defaultCheckpointPath(logPath: string): string {
  return `${logPath}.checkpoint`;
}

function checkpointBody(checkpoint: Omit<AuditCheckpoint, 'mac'>): string {
  const { format, seq, hash, size, time, keyId } = checkpoint;
  return canonicalJson({ format, seq, hash, size, time, keyId } satisfies JsonValue);
}

export function sealCheckpoint(head: CheckpointHead, key: AuditKey): AuditCheckpoint {
  const body = { format: CHECKPOINT_FORMAT, ...head, keyId: key.id } as const;
  return { ...body, mac: key.macCheckpoint(checkpointBody(body)) };
}

/** Why a checkpoint cannot be trusted with this key, or undefined when it can. */
export function checkpointProblem(checkpoint: AuditCheckpoint, key: AuditKey): string | undefined {
  if (checkpoint.keyId !== key.id) {
    return `it was sealed with another key (key id ${checkpoint.keyId}; the given key's id is ${key.id})`;
  }
  if (!sameDigest(key.macCheckpoint(checkpointBody(checkpoint)), checkpoint.mac)) {
    return 'its MAC does not match: it was edited, or forged without the key';
  }
  return undefined;
}

/** Reads a checkpoint; undefined when there is none. A file that is there but not a checkpoint is an error. */
export async function readCheckpoint(path: string): Promise<AuditCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new AuditLogError(`Cannot read the audit checkpoint ${path} (${code ?? 'unreadable'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AuditLogError(`The audit checkpoint ${path} is not valid JSON: it was damaged or edited.`);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    throw new AuditLogError(`The audit checkpoint ${path} repeats the key "${duplicate}": it was edited.`);
  }
  const parsed = auditCheckpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw new AuditLogError(
      `The audit checkpoint ${path} is not a checkpoint${where}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}

/**
 * Replaces the checkpoint atomically: a temporary file (mode 0600) is written and flushed, then
 * renamed over the old one, so a crash leaves the old checkpoint or the new one, never half of one.
 */
export async function writeCheckpointFile(path: string, checkpoint: AuditCheckpoint): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${canonicalJson(checkpoint as unknown as JsonValue)}\n`, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** What is missing when a log ends at line `lastSeq` but its checkpoint records line `checkpointSeq`. */
export function describeCut(lastSeq: number | undefined, checkpointSeq: number): string {
  if (lastSeq === undefined) {
    return `the file was cut short (it ends in a damaged line) before line ${checkpointSeq}, the last one the checkpoint records`;
  }
  if (lastSeq === 0) return `the file was emptied: lines 1..${checkpointSeq} were removed`;
  const first = lastSeq + 1;
  return first === checkpointSeq
    ? `line ${checkpointSeq} was cut from the end`
    : `lines ${first}..${checkpointSeq} were cut from the end`;
}
