import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuditLogError,
  auditRecordSchema,
  GENESIS_HASH,
  openAuditLog,
  verifyAuditLog,
} from '../src/index.js';
import { entry, readLines, withTempDir } from './helpers.js';

describe('the audit chain', () => {
  it('creates the file with mode 0600 and its missing directories, one canonical JSON line per call', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'nested', 'deeper', 'audit.jsonl');
      const log = await openAuditLog(path, { server: 'm365-security' });
      const record = await log.append(entry({ detail: { summary: 'two users' } }));
      await log.close();

      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const lines = await readLines(path);
      expect(lines).toHaveLength(1);
      const parsed = auditRecordSchema.parse(JSON.parse(lines[0] ?? ''));
      expect(parsed).toEqual(record);
      expect(parsed).toMatchObject({
        seq: 1,
        server: 'm365-security',
        tool: 'list_users',
        caller: 'alice',
        session: 'session-1',
        arguments: { limit: 10 },
        outcome: 'ok',
        durationMs: 12,
        requestIds: ['5b0e4b1e-8f1c-4c55-9a55-0a3e4a7b2c11'],
        detail: { summary: 'two users' },
        prev: GENESIS_HASH,
      });
      expect(Number.isNaN(Date.parse(parsed.time))).toBe(false);
    }));

  it('continues the chain from the last line after the file is reopened', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const first = await openAuditLog(path, { server: 's' });
      await first.append(entry());
      const second = await first.append(entry({ outcome: 'planned' }));
      await first.close();

      const reopened = await openAuditLog(path, { server: 's' });
      const third = await reopened.append(entry({ outcome: 'applied' }));
      await reopened.close();

      expect(third.seq).toBe(3);
      expect(third.prev).toBe(second.hash);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: true, lines: 3 });
    }));

  it('keeps a valid chain with 100 parallel appends: no interleaving, no fork, every line on disk', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const log = await openAuditLog(path, { server: 's' });
      // Large arguments make a torn or interleaved write visible as broken JSON.
      const records = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          log.append(entry({ tool: `tool_${index}`, arguments: { index, padding: 'x'.repeat(5000) } })),
        ),
      );
      // Every append resolved only after its own line was written: the file already holds them all.
      const lines = await readLines(path);
      expect(lines).toHaveLength(100);
      await log.close();

      expect(records.map((record) => record.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 100 }, (_, index) => index + 1),
      );
      expect(new Set(records.map((record) => record.prev)).size).toBe(100);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: true, lines: 100 });
    }));

  it('refuses to continue a log whose last line is damaged', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      await writeFile(path, '{"seq":1,"time":"2026-01-0');
      await expect(openAuditLog(path, { server: 's' })).rejects.toBeInstanceOf(AuditLogError);
    }));

  it('rejects appends after close', () =>
    withTempDir(async (dir) => {
      const log = await openAuditLog(join(dir, 'audit.jsonl'), { server: 's' });
      await log.close();
      await expect(log.append(entry())).rejects.toThrow(/closed/);
    }));
});
