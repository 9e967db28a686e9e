// The built bin (bin/m365-sharepoint.js -> dist/bin.js) over stdio: the repository's test command
// builds before testing; build it with `pnpm --filter @m365-mcp/m365-sharepoint build` when developing.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharepointPermissions } from '../src/index.js';
import { call } from './support.js';

const bin = fileURLToPath(new URL('../bin/m365-sharepoint.js', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'm365-sharepoint-stdio-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: dir } },
      (error, out) => (error ? reject(error) : resolve(out)),
    );
  });
}

describe('the built bin', () => {
  it('--demo serves MCP on stdio: lists the tools and runs the assessment', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--demo', '--audit-log', join(dir, 'audit.jsonl')],
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('assess_sharepoint_posture');
      expect(tools.map((t) => t.name)).not.toContain('remove_sharing_link');
      const r = await call(client, 'assess_sharepoint_posture', {});
      expect(r.isError).toBeFalsy();
      expect(r.data.status).toBe('critical');
    } finally {
      await client.close();
    }
  }, 60_000);

  it('permissions --json equals the manifest; --writes adds the write permission', async () => {
    const reads = JSON.parse(await run(['permissions', '--json'])) as {
      permissions: { permission: string }[];
    };
    expect(reads.permissions.map((p) => p.permission)).toEqual([
      'SharePointTenantSettings.Read.All',
      'Sites.Read.All',
    ]);
    const all = JSON.parse(await run(['permissions', '--json', '--writes'])) as {
      permissions: { permission: string }[];
    };
    expect(all.permissions.map((p) => p.permission)).toEqual(
      sharepointPermissions.permissions.map((p) => p.permission),
    );
  }, 30_000);
});
