import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from './audit-file.js';
import { buildSampleBin } from './build-sample-bin.js';
import { callTool } from './call-tool.js';

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
});
