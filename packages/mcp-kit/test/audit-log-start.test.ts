import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAuditKeyFile,
  defaultCheckpointPath,
  loadAuditKeyFile,
  openAuditLog,
  verifyAuditLog,
} from '@m365-mcp/audit-log';
import { describe, expect, it } from 'vitest';
import { runServerCli } from '../src/cli/index.js';
import { openServerAuditLog } from '../src/cli/startup.js';
import { loadConfig } from '../src/config/load-config.js';
import { sampleServer } from './sample-server.js';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-kit-audit-start-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const line = {
  tool: 'list_users',
  caller: 'alice',
  session: 's1',
  arguments: {},
  outcome: 'ok',
  durationMs: 1,
} as const;

async function keyedLog(dir: string, lines: number) {
  const keyFile = join(dir, 'keys', 'audit.key');
  const key = await createAuditKeyFile(keyFile);
  const path = join(dir, 'audit.jsonl');
  const log = await openAuditLog(path, { server: 'm365-sample', key });
  for (let index = 0; index < lines; index += 1) await log.append(line);
  await log.close();
  const text = await readFile(path, 'utf8');
  return { keyFile, path, lines: text.split('\n').filter(Boolean) };
}

async function serve(args: string[]) {
  let stderr = '';
  const code = await runServerCli(sampleServer, ['node', 'm365-sample', ...args], {
    env: {},
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stderr };
}

describe('a server and its audit log at start', () => {
  it('refuses to start on a log with lines cut from the end, naming them and the verify command', () =>
    withTempDir(async (dir) => {
      const { keyFile, path, lines } = await keyedLog(dir, 3);
      const truncated = `${lines[0]}\n`;
      await writeFile(path, truncated);

      const { code, stderr } = await serve(['--demo', '--audit-log', path, '--audit-key-file', keyFile]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^m365-sample: Refusing to append to the audit log /);
      expect(stderr).toMatch(/lines 2\.\.3 were cut from the end/);
      expect(stderr).toContain(`m365-audit verify ${path} --key-file`);
      expect(stderr).not.toMatch(/unexpectedly/);
      // Nothing was appended to the evidence.
      expect(await readFile(path, 'utf8')).toBe(truncated);
    }));

  it('refuses to start on an emptied log', () =>
    withTempDir(async (dir) => {
      const { keyFile, path } = await keyedLog(dir, 2);
      await writeFile(path, '');
      const { code, stderr } = await serve(['--demo', '--audit-log', path, '--audit-key-file', keyFile]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/the file was emptied: lines 1\.\.2 were removed/);
      expect(await readFile(path, 'utf8')).toBe('');
    }));

  it('makes the default key on first use (mode 0600), says where, and seals the log with it', () =>
    withTempDir(async (dir) => {
      const config = await loadConfig({ server: 'm365-sample', env: {}, home: dir });
      const logs: string[] = [];
      const log = await openServerAuditLog(config, 'm365-sample', (text) => logs.push(text));
      await log.append(line);
      await log.close();

      const keyFile = join(dir, '.m365-mcp', 'keys', 'audit.key');
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect(logs.join('')).toContain(`m365-sample: made the audit key ${keyFile} (mode 0600`);
      const key = await loadAuditKeyFile(keyFile);
      expect(await verifyAuditLog(config.auditLogPath, { key })).toEqual({
        ok: true,
        lines: 1,
        warnings: [],
      });

      const again: string[] = [];
      await (await openServerAuditLog(config, 'm365-sample', (text) => again.push(text))).close();
      expect(again).toEqual([]);
    }));

  it('never makes a key file it was told to use, and says how to make one', () =>
    withTempDir(async (dir) => {
      const config = await loadConfig({
        server: 'm365-sample',
        env: { M365_AUDIT_KEY_FILE: join(dir, 'missing.key') },
        home: dir,
      });
      await expect(openServerAuditLog(config, 'm365-sample', () => undefined)).rejects.toThrow(
        /Cannot read the audit key file .*missing\.key \(ENOENT\)\. Create one with "openssl rand -hex 32/,
      );
    }));

  it('says what to set when the default key cannot be made', () =>
    withTempDir(async (dir) => {
      const notADirectory = join(dir, 'file');
      await writeFile(notADirectory, '');
      const config = await loadConfig({ server: 'm365-sample', env: {}, home: notADirectory });
      await expect(
        openServerAuditLog(
          { ...config, auditLogPath: join(dir, 'audit.jsonl') },
          'm365-sample',
          () => undefined,
        ),
      ).rejects.toThrow(/Cannot make the audit key .* \(ENOTDIR\)\. Point M365_AUDIT_KEY_FILE/);
    }));

  it('keeps a copy of each checkpoint where M365_AUDIT_CHECKPOINT_COPY says', () =>
    withTempDir(async (dir) => {
      const copy = join(dir, 'elsewhere', 'm365-sample.checkpoint');
      const config = await loadConfig({
        server: 'm365-sample',
        env: { M365_AUDIT_CHECKPOINT_COPY: copy },
        home: dir,
      });
      const log = await openServerAuditLog(config, 'm365-sample', () => undefined);
      await log.append(line);
      await log.close();
      expect(await readFile(copy, 'utf8')).toBe(
        await readFile(defaultCheckpointPath(config.auditLogPath), 'utf8'),
      );
    }));
});
