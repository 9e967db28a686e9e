import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, readdir, realpath, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathOf } from '../src/append-lock.js';
import { sealRecord, serialiseRecord } from '../src/hash.js';
import {
  type AuditKey,
  type AuditLog,
  AuditLogError,
  defaultCheckpointPath,
  openAuditLog,
  readCheckpoint,
  verifyAuditLog,
} from '../src/index.js';
import { parseRecord, publicAlgorithm } from './forge.js';
import { entry, makeKey, readLines, withTempDir } from './helpers.js';

const EACH = 200;

/** Appends `count` lines one after another, as a server does one tool call after another. */
async function appendMany(log: AuditLog, session: string, count: number): Promise<void> {
  for (let index = 1; index <= count; index += 1) {
    await log.append(entry({ tool: `tool_${index}`, session }));
  }
}

/**
 * What the log must be after the writers are done: it verifies with `total` lines numbered 1..total,
 * `perSession` of them from each session, the checkpoint records the last line, and a server
 * started afterwards opens it and continues the chain.
 */
async function expectOneChain(
  path: string,
  key: AuditKey,
  perSession: Record<string, number>,
): Promise<void> {
  const total = Object.values(perSession).reduce((sum, count) => sum + count, 0);
  expect(await verifyAuditLog(path, { key })).toEqual({ ok: true, lines: total, warnings: [] });
  const records = (await readLines(path)).map((line) => parseRecord(line));
  expect(records.map((record) => record.seq)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
  for (const [session, count] of Object.entries(perSession)) {
    expect(records.filter((record) => record.session === session)).toHaveLength(count);
  }
  expect(await readCheckpoint(defaultCheckpointPath(path))).toMatchObject({
    seq: total,
    hash: records.at(-1)?.hash,
    size: (await stat(path)).size,
  });
  const third = await openAuditLog(path, { server: 'm365-security', key });
  expect(await third.append(entry({ session: 'third' }))).toMatchObject({ seq: total + 1 });
  await third.close();
  expect(await verifyAuditLog(path, { key })).toMatchObject({ ok: true, lines: total + 1 });
}

type ChildMessage = { type: string; message?: string };

/** Another process running test/append-child.ts; `next(type)` resolves on its next message of that type. */
function startChild(args: string[]): { child: ChildProcess; next: (type: string) => Promise<ChildMessage> } {
  const child = fork(join(import.meta.dirname, 'append-child.ts'), args, {
    execArgv: ['--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type && message.type !== 'failed') return;
        stop();
        if (message.type === 'failed') reject(new Error(`the child process failed: ${message.message}`));
        else resolve(message);
      };
      const onExit = (code: number | null, signal: string | null) => {
        stop();
        reject(new Error(`the child process exited (${signal ?? code}) before saying "${type}"`));
      };
      const stop = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  return { child, next };
}

describe('several writers on one log', () => {
  it('two AuditLog instances appending at the same time keep one chain (400 lines, seqs 1..400)', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'm365-security.jsonl');
      const first = await openAuditLog(path, { server: 'm365-security', key });
      const second = await openAuditLog(path, { server: 'm365-security', key });
      await Promise.all([appendMany(first, 'first', EACH), appendMany(second, 'second', EACH)]);
      await Promise.all([first.close(), second.close()]);
      await expectOneChain(path, key, { first: EACH, second: EACH });
      expect(await readdir(dir)).not.toContain('m365-security.jsonl.lock');
    }));

  it('two processes appending at the same time keep one chain (400 lines, seqs 1..400)', () =>
    withTempDir(async (dir) => {
      const { keyFile, key } = await makeKey(dir);
      const path = join(dir, 'm365-security.jsonl');
      const writers = ['claude', 'vscode'].map((session) => {
        const { child, next } = startChild(['append', path, keyFile, String(EACH), session]);
        return { child, ready: next('ready'), done: next('done'), exited: once(child, 'exit') };
      });
      await Promise.all(writers.map((writer) => writer.ready));
      // Both have opened the log (the same head); now both append at once.
      for (const writer of writers) writer.child.send({ type: 'go' });
      await Promise.all(writers.map((writer) => writer.done));
      expect(await Promise.all(writers.map((writer) => writer.exited))).toEqual([
        [0, null],
        [0, null],
      ]);
      await expectOneChain(path, key, { claude: EACH, vscode: EACH });
    }));

  it('without a key, two instances appending at the same time keep one chain', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'm365-security.jsonl');
      const first = await openAuditLog(path, { server: 'm365-security' });
      const second = await openAuditLog(path, { server: 'm365-security' });
      await Promise.all([appendMany(first, 'first', 50), appendMany(second, 'second', 50)]);
      await Promise.all([first.close(), second.close()]);
      const verification = await verifyAuditLog(path);
      expect(verification).toMatchObject({ ok: true, lines: 100 });
      const records = (await readLines(path)).map((line) => parseRecord(line));
      expect(records.map((record) => record.seq)).toEqual(
        Array.from({ length: 100 }, (_, index) => index + 1),
      );
    }));

  it('continues after a line another process wrote but did not checkpoint (it died in between)', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'm365-security.jsonl');
      const first = await openAuditLog(path, { server: 'm365-security', key });
      const second = await openAuditLog(path, { server: 'm365-security', key });
      const head = await first.append(entry());
      // The other process's line, sealed with the key, and no checkpoint after it.
      const { hash: _hash, mac: _mac, keyId: _keyId, ...unsealed } = head;
      await appendFile(
        path,
        serialiseRecord(sealRecord({ ...unsealed, seq: 2, prev: head.hash, session: 'died' }, key)),
      );
      expect(await readCheckpoint(defaultCheckpointPath(path))).toMatchObject({ seq: 1 });

      expect(await second.append(entry())).toMatchObject({ seq: 3 });
      await Promise.all([first.close(), second.close()]);
      await expectOneChain(path, key, { 'session-1': 2, died: 1 });
    }));

  it('takes over the lock of a process killed while holding it once the lock is stale, not before', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'm365-security.jsonl');
      // waitMs 0: each append tries the lock once, so the test never waits on a clock.
      const log = await openAuditLog(path, { server: 'm365-security', key, lock: { waitMs: 0 } });
      await log.append(entry());
      const { child, next } = startChild(['hold-lock', path]);
      await next('locked');
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      expect(await exited).toEqual([null, 'SIGKILL']);
      const lockPath = lockPathOf(await realpath(path));
      expect((await stat(lockPath)).isDirectory()).toBe(true);

      // Fresh (as if the holder were alive and slow): the append waits its turn, here not at all.
      const refused = await log.append(entry()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AuditLogError);
      expect((refused as Error).message).toBe(
        `Cannot append to the audit log ${await realpath(path)}: another process has held its lock ${lockPath} for more than 0 s. A lock left by a process that died is taken over once it is 10 s old; a live process holding it this long is stuck (e.g. on a stalled disk).`,
      );

      // Nobody refreshed it for a minute (its mtime says so): it is stale and taken over.
      const aMinuteAgo = new Date(Date.now() - 60_000);
      await utimes(lockPath, aMinuteAgo, aMinuteAgo);
      expect(await log.append(entry())).toMatchObject({ seq: 2 });
      await log.close();
      expect(await readdir(dir)).not.toContain('m365-security.jsonl.lock');
      expect(await verifyAuditLog(path, { key })).toMatchObject({ ok: true, lines: 2 });
    }));

  it('refuses to append after another writer added a line that does not verify, as a start would', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'm365-security.jsonl');
      const first = await openAuditLog(path, { server: 'm365-security', key });
      const second = await openAuditLog(path, { server: 'm365-security', key });
      await first.append(entry());
      const last = (await second.append(entry())).hash;
      // A line chained on the head but sealed with the public algorithm, not the key.
      const { hash: _hash, ...unsealed } = parseRecord((await readLines(path))[1]);
      const forged = publicAlgorithm({ ...unsealed, seq: 3, prev: last, tool: 'forged' });
      await appendFile(path, serialiseRecord(forged));
      const lines = await readLines(path);

      for (const log of [first, second]) {
        const refused = await log.append(entry()).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(AuditLogError);
        expect((refused as Error).message).toMatch(
          /^Refusing to append to the audit log .*: line 3 is broken: an unkeyed line after keyed ones/,
        );
        expect((refused as Error).message).toContain(`m365-audit verify ${path} --key-file`);
      }
      expect(await readLines(path)).toEqual(lines);
      await Promise.all([first.close(), second.close()]);
      await expect(openAuditLog(path, { server: 'm365-security', key })).rejects.toThrow(
        /line 3 is broken: an unkeyed line after keyed ones/,
      );
    }));

  it('refuses lock settings it cannot honour, saying which and why', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'm365-security.jsonl');
      await expect(openAuditLog(path, { server: 's', lock: { staleMs: 500 } })).rejects.toThrow(
        'lock.staleMs must be a whole number of milliseconds, at least 2000; got 500',
      );
      await expect(openAuditLog(path, { server: 's', lock: { waitMs: -1 } })).rejects.toThrow(
        'lock.waitMs must be a whole number of milliseconds, 0 or more; got -1',
      );
    }));
});
