import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEntryInput, type AuditKey, createAuditKeyFile, openAuditLog } from '../src/index.js';

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'audit-log-test-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function entry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    tool: 'list_users',
    caller: 'alice',
    session: 'session-1',
    arguments: { limit: 10 },
    outcome: 'ok',
    durationMs: 12,
    requestIds: ['5b0e4b1e-8f1c-4c55-9a55-0a3e4a7b2c11'],
    ...overrides,
  };
}

export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((line) => line.length > 0);
}

export async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** A fresh key file (mode 0600) in `dir` and the key it holds. */
export async function makeKey(dir: string, name = 'audit.key'): Promise<{ keyFile: string; key: AuditKey }> {
  const keyFile = join(dir, name);
  return { keyFile, key: await createAuditKeyFile(keyFile) };
}

/** Writes `count` keyed lines through the real appender; returns the lines as written. */
export async function writeKeyedLog(path: string, key: AuditKey, count: number): Promise<string[]> {
  const log = await openAuditLog(path, { server: 'm365-identity', key });
  for (let index = 0; index < count; index += 1) {
    await log.append(entry({ tool: `tool_${index + 1}` }));
  }
  await log.close();
  return readLines(path);
}
