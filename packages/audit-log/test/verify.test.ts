import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashRecord } from '../src/hash.js';
import { auditRecordSchema, openAuditLog, runAuditCli, verifyAuditLog } from '../src/index.js';
import { entry, makeKey, readLines, withTempDir, writeKeyedLog, writeLines } from './helpers.js';

async function writeLog(path: string, count: number): Promise<string[]> {
  const log = await openAuditLog(path, { server: 'm365-identity' });
  for (let index = 0; index < count; index += 1) {
    await log.append(entry({ tool: `tool_${index + 1}` }));
  }
  await log.close();
  return readLines(path);
}

async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAuditCli(argv, { out: (text) => (out += text), err: (text) => (err += text) }, {});
  return { code, out, err };
}

describe('verifyAuditLog', () => {
  it('accepts an intact log and an empty one', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      await writeLog(path, 5);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: true, lines: 5 });
      const empty = join(dir, 'empty.jsonl');
      await writeLines(empty, []);
      expect(await verifyAuditLog(empty)).toMatchObject({ ok: true, lines: 0 });
    }));

  it('finds an edited line by its hash', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 5);
      lines[2] = (lines[2] ?? '').replace('"outcome":"ok"', '"outcome":"refused"');
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({
        ok: false,
        line: 3,
        reason: expect.stringMatching(/hash mismatch/),
      });
    }));

  it('finds an edited line whose hash was recomputed, at the line after it', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 4);
      // Without a key, a forger can reseal the edited line itself; the next line's prev still
      // points at the original.
      const forged = auditRecordSchema.parse(JSON.parse(lines[1] ?? ''));
      forged.outcome = 'refused';
      forged.hash = hashRecord(forged);
      lines[1] = JSON.stringify(forged);
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({
        ok: false,
        line: 3,
        reason: expect.stringMatching(/prev does not match/),
      });
    }));

  it('finds a deleted line at the position where it is missing', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 5);
      lines.splice(3, 1);
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({
        ok: false,
        line: 4,
        reason: expect.stringMatching(/sequence 5 where 4 was expected/),
      });
    }));

  it('finds a deleted first line', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 3);
      await writeLines(path, lines.slice(1));
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 1 });
    }));

  it('finds reordered lines at the first line out of place', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 5);
      const [second, third] = [lines[1] ?? '', lines[2] ?? ''];
      lines[1] = third;
      lines[2] = second;
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({
        ok: false,
        line: 2,
        reason: expect.stringMatching(/reordered/),
      });
    }));

  it('finds a truncated line and a line that is not an audit record', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 4);
      await writeLines(path, [...lines.slice(0, 3), (lines[3] ?? '').slice(0, 40)]);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 4, reason: /not valid JSON/ });

      await writeLines(path, [lines[0] ?? '', '{"hello":"world"}', ...lines.slice(1)]);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 2, reason: /not an audit record/ });
    }));

  it('m365-audit verify exits 0 on an intact log, 1 on a broken one, 2 on bad usage', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const lines = await writeLog(path, 3);

      const intact = await runCli(['verify', path]);
      expect(intact).toMatchObject({ code: 0, out: `${path}: chain intact, 3 line(s)\n` });

      await writeLines(path, [lines[0] ?? '', lines[2] ?? '']);
      const broken = await runCli(['verify', path]);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`${path}: broken at line 2:`);

      const missing = await runCli(['verify', join(dir, 'nope.jsonl')]);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('cannot read the audit log');

      expect((await runCli(['check'])).code).toBe(2);
    }));

  it('m365-audit verify checks a keyed log with --key-file or M365_AUDIT_KEY_FILE, and says from which line it broke', () =>
    withTempDir(async (dir) => {
      const { keyFile, key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 4);

      expect(await runCli(['verify', path, '--key-file', keyFile])).toEqual({
        code: 0,
        out: `${path}: chain intact, 4 line(s)\n`,
        err: '',
      });
      let out = '';
      let err = '';
      const fromEnv = await runAuditCli(
        ['verify', path],
        { out: (text) => (out += text), err: (text) => (err += text) },
        { M365_AUDIT_KEY_FILE: keyFile },
      );
      expect({ fromEnv, out, err }).toEqual({
        fromEnv: 0,
        out: `${path}: chain intact, 4 line(s)\n`,
        err: '',
      });

      const withoutKey = await runCli(['verify', path]);
      expect(withoutKey.code).toBe(0);
      expect(withoutKey.err).toMatch(/warning: 4 keyed line\(s\) were not authenticated/);

      await writeLines(path, lines.slice(0, 2));
      expect(await runCli(['verify', path, '--key-file', keyFile])).toMatchObject({
        code: 1,
        out: expect.stringMatching(`^${path}: broken at line 3: .*lines 3\\.\\.4 were cut from the end`),
      });

      const noCheckpoint = await runCli(['verify', path, '--checkpoint', join(dir, 'none.checkpoint')]);
      expect(noCheckpoint).toMatchObject({
        code: 1,
        err: expect.stringMatching(/none\.checkpoint does not exist/),
      });
      expect((await runCli(['verify', path, '--key-file', join(dir, 'nope.key')])).code).toBe(2);
      expect((await runCli(['verify', path, '--keyfile', keyFile])).code).toBe(2);
    }));
});
