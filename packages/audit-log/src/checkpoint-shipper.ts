import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type AuditCheckpoint, writeCheckpointFile } from './checkpoint.js';

/**
 * Somewhere else a checkpoint goes after each append (another disk, a syslog collector, a webhook,
 * a SIEM), so that someone who can rewrite the log and its sidecar checkpoint still cannot rewrite
 * the copy. Shipping runs after the append has resolved, one checkpoint at a time in order; a
 * failure is reported (AuditLogOptions.onShipError) and never fails the tool call.
 */
export interface CheckpointShipper {
  /** For messages, e.g. "file /mnt/worm/audit.checkpoint". */
  readonly name: string;
  ship(checkpoint: AuditCheckpoint): Promise<void>;
}

/**
 * Keeps a copy of the latest checkpoint in another file, in the sidecar's own format, so
 * `m365-audit verify <log> --checkpoint <copy>` can check the log against it.
 */
export function fileCheckpointShipper(path: string): CheckpointShipper {
  const absolute = resolve(path);
  let prepared = false;
  return {
    name: `file ${absolute}`,
    async ship(checkpoint) {
      if (!prepared) {
        await mkdir(dirname(absolute), { recursive: true, mode: 0o700 });
        prepared = true;
      }
      await writeCheckpointFile(absolute, checkpoint);
    },
  };
}
