import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { buildSampleBin } from './build-sample-bin.js';

let dir: string;
let bin: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-stdio-'));
  bin = await buildSampleBin(dir);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the bin over stdio', () => {
  it('--demo serves MCP on stdio with nothing but protocol on stdout, logs on stderr, and audits', async () => {
    const auditLog = join(dir, 'audit.jsonl');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--demo', '--audit-log', auditLog],
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const protocolErrors: Error[] = [];
    transport.onerror = (error) => {
      protocolErrors.push(error);
    };
    const client = new Client({ name: 'stdio-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('list_users');
      expect(tools.map((tool) => tool.name)).not.toContain('disable_user');
      const result = await callTool(client, 'list_users', { limit: 2 });
      expect(result.isError).toBeFalsy();
      expect(result.text).toMatch(/^2 of \d+ users/);
    } finally {
      await client.close();
    }
    expect(protocolErrors).toEqual([]);
    expect(stderr).toMatch(/m365-sample 0\.0\.1: MCP server on stdio, read-only, demo tenant/);
    const audit = await readAudit(auditLog);
    expect(audit.map((line) => line.tool)).toEqual(['list_users']);
    expect(await readFile(auditLog, 'utf8')).not.toMatch(/secret/i);
  });

  it('permissions --json prints only JSON on stdout', async () => {
    const { execFile } = await import('node:child_process');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [bin, 'permissions', '--json'], (error, out) =>
        error ? reject(error) : resolve(out),
      );
    });
    expect(JSON.parse(stdout)).toMatchObject({
      server: 'm365-sample',
      permissions: [{ permission: 'User.Read.All' }],
    });
  });

  it('an 11 MiB request line is refused with a JSON-RPC error, and the server keeps serving', async () => {
    const child = spawn(process.execPath, [bin, '--demo', '--audit-log', join(dir, 'audit-big.jsonl')], {
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const lines = createInterface({ input: child.stdout });
    const answers: Record<string, unknown>[] = [];
    const waiters: (() => void)[] = [];
    lines.on('line', (line) => {
      answers.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of waiters.splice(0)) wake();
    });
    const answer = async (predicate: (a: Record<string, unknown>) => boolean) => {
      while (!answers.some(predicate)) await new Promise<void>((resolve) => waiters.push(resolve));
      return answers.find(predicate) as Record<string, unknown>;
    };
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    try {
      send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
      });
      await answer((a) => a.id === 1);
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      child.stdin.write(
        `{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"pad":"${'x'.repeat(11 * 1024 * 1024)}"}}\n`,
      );
      send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
      const refused = await answer((a) => a.id === null);
      expect(refused.error).toMatchObject({
        code: -32600,
        message: expect.stringMatching(/Request too large/),
      });
      const listed = await answer((a) => a.id === 3);
      expect((listed.result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
      expect(answers.some((a) => a.id === 2)).toBe(false);
      expect(stderr).toMatch(/over \d+ bytes refused; still serving/);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  }, 60_000);
});
