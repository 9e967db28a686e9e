import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuditKey,
  AuditLogError,
  type CheckpointShipper,
  defaultCheckpointPath,
  fileCheckpointShipper,
  openAuditLog,
  readCheckpoint,
  verifyAuditLog,
} from '../src/index.js';
import { editAndReseal, parseRecord, publicAlgorithm } from './forge.js';
import { entry, makeKey, withTempDir, writeKeyedLog, writeLines } from './helpers.js';

async function openError(path: string, key?: AuditKey): Promise<AuditLogError> {
  const error = await openAuditLog(path, { server: 's', ...(key === undefined ? {} : { key }) }).then(
    async (log) => {
      await log.close();
      throw new Error('the log opened');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AuditLogError);
  return error as AuditLogError;
}

describe('opening a keyed log', () => {
  it('keeps a checkpoint (mode 0600, replaced atomically) that records the last line', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 3);
      const checkpointPath = defaultCheckpointPath(path);
      const checkpoint = await readCheckpoint(checkpointPath);
      expect(checkpoint).toMatchObject({
        seq: 3,
        hash: parseRecord(lines[2]).hash,
        size: (await stat(path)).size,
        keyId: key.id,
      });
      expect((await stat(checkpointPath)).mode & 0o777).toBe(0o600);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }));

  it('refuses a log with lines cut from the end, naming them and the verify command', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 5);
      await writeLines(path, lines.slice(0, 3));
      const error = await openError(path, key);
      expect(error.message).toMatch(/^Refusing to append to the audit log /);
      expect(error.message).toMatch(/lines 4\.\.5 were cut from the end/);
      expect(error.message).toContain(`m365-audit verify ${path} --key-file`);
    }));

  it('refuses an emptied log', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 2);
      await writeFile(path, '');
      expect((await openError(path, key)).message).toMatch(/emptied: lines 1\.\.2 were removed/);
    }));

  it('refuses a keyed log whose checkpoint is gone', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 2);
      await rm(defaultCheckpointPath(path));
      expect((await openError(path, key)).message).toMatch(/checkpoint .* is missing/);
    }));

  it('refuses a log rewritten from the start with the public algorithm, shorter or padded to its old size', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 4);
      const size = (await stat(path)).size;
      const rewrite = (caller: string) =>
        editAndReseal(
          lines,
          0,
          (record) => {
            record.caller = caller;
          },
          publicAlgorithm,
        );
      const rewritten = rewrite('mallory');
      await writeLines(path, rewritten);
      expect((await openError(path, key)).message).toMatch(
        /shorter than its checkpoint .*: the log was rewritten at or before line 4/,
      );

      // Padded so the file keeps its size: the line at the checkpoint's offset is not the one it records.
      const shortBy = size - (await stat(path)).size;
      await writeLines(path, rewrite(`mallory${' '.repeat(shortBy)}`));
      expect((await stat(path)).size).toBe(size);
      expect((await openError(path, key)).message).toMatch(
        /line 4 is not the line its checkpoint .* records: the log was rewritten at or before line 4/,
      );
    }));

  it('refuses a broken line after the checkpoint, and continues after a valid one (a crash before the checkpoint)', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 2);
      const checkpointPath = defaultCheckpointPath(path);
      const atTwo = await readFile(checkpointPath, 'utf8');
      const log = await openAuditLog(path, { server: 's', key });
      await log.append(entry());
      await log.close();
      // As if the process died between the third line and its checkpoint.
      await writeFile(checkpointPath, atTwo);
      const resumed = await openAuditLog(path, { server: 's', key });
      expect((await readCheckpoint(checkpointPath))?.seq).toBe(3);
      expect(await resumed.append(entry())).toMatchObject({ seq: 4 });
      await resumed.close();
      expect(await verifyAuditLog(path, { key })).toEqual({ ok: true, lines: 4, warnings: [] });

      // A line after the checkpoint that is not what the key sealed.
      const text = await readFile(path, 'utf8');
      await writeFile(checkpointPath, atTwo);
      await writeFile(
        path,
        text.replace(/"tool":"list_users"(?![\s\S]*"tool":"list_users")/, '"tool":"other"'),
      );
      expect((await openError(path, key)).message).toMatch(/line 4 is broken: MAC mismatch/);
    }));

  it('refuses a checkpoint made with another key, and a keyed log opened without a key', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 1);
      const other = AuditKey.fromSecret('9'.repeat(40));
      expect((await openError(path, other)).message).toMatch(
        /cannot be trusted: it was sealed with another key/,
      );
      expect((await openError(path)).message).toMatch(/without its key/);
    }));

  it('ships each checkpoint to another file, and reports a shipper that fails without failing the append', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const copy = join(dir, 'elsewhere', 'audit.checkpoint');
      const failures: string[] = [];
      const broken: CheckpointShipper = {
        name: 'webhook https://siem.example/hook',
        ship: () => Promise.reject(new Error('connection refused')),
      };
      const log = await openAuditLog(path, {
        server: 's',
        key,
        checkpointShippers: [fileCheckpointShipper(copy), broken],
        onShipError: (message) => failures.push(message),
      });
      await log.append(entry());
      await log.append(entry());
      await log.close();

      expect(await readFile(copy, 'utf8')).toBe(await readFile(defaultCheckpointPath(path), 'utf8'));
      expect(failures).toHaveLength(2);
      expect(failures[1]).toMatch(
        /checkpoint of line 2 to webhook https:\/\/siem\.example\/hook: connection refused/,
      );

      // The shipped copy still catches a truncation when the sidecar was rewritten along with the log.
      const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
      await writeLines(path, lines.slice(0, 1));
      await rm(defaultCheckpointPath(path));
      expect(await verifyAuditLog(path, { key, checkpointPath: copy })).toMatchObject({
        ok: false,
        line: 2,
        reason: expect.stringMatching(/line 2 was cut from the end/),
      });
    }));
});
