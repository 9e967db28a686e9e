// The BUILT bin (bin/m365-identity.js -> dist/bin.js; the repo's test task builds first) over stdio:
// --demo serves MCP with nothing but protocol on stdout, the assessment answers, and
// `permissions --json` prints exactly the manifest.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionsFor } from '@m365-mcp/auth';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityPermissions } from '../src/index.js';
import { callTool } from './support.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'm365-identity.js');
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'm365-identity-stdio-'));
});
afterAll(() => rm(home, { recursive: true, force: true }));

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: home } },
      (error, out) => (error ? reject(error) : resolve(out)),
    );
  });
}

describe('the built m365-identity bin', () => {
  it('--demo: lists the tools and runs the assessment over stdio', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--demo', '--audit-log', join(home, 'audit.jsonl')],
      env: { PATH: process.env.PATH ?? '', HOME: home },
      stderr: 'pipe',
    });
    const protocolErrors: Error[] = [];
    transport.onerror = (error) => {
      protocolErrors.push(error);
    };
    const client = new Client({ name: 'stdio-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('assess_identity_posture');
      expect(tools.map((tool) => tool.name)).not.toContain('contain_user');
      const result = await callTool(client, 'assess_identity_posture', {});
      expect(result.isError).toBeFalsy();
      expect(result.structured.status).toBe('critical');
      expect(result.text).toMatch(/^Identity posture: CRITICAL/);
    } finally {
      await client.close();
    }
    expect(protocolErrors).toEqual([]);
  }, 60_000);

  it('permissions --json prints exactly the manifest (reads; writes with --writes)', async () => {
    const reads = JSON.parse(await run(['permissions', '--json'])) as {
      server: string;
      permissions: { permission: string }[];
    };
    expect(reads.server).toBe('m365-identity');
    expect(reads.permissions.map((p) => p.permission)).toEqual(
      permissionsFor(identityPermissions, { writes: false }).map((p) => p.permission),
    );
    const withWrites = JSON.parse(await run(['permissions', '--json', '--writes'])) as {
      permissions: { permission: string; access: string }[];
      requiredResourceAccess: { resourceAccess: { id: string }[] }[];
    };
    expect(
      withWrites.permissions
        .filter((p) => p.access === 'write')
        .map((p) => p.permission)
        .sort(),
    ).toEqual([
      'IdentityRiskyUser.ReadWrite.All',
      'User.EnableDisableAccount.All',
      'User.RevokeSessions.All',
    ]);
    expect(withWrites.requiredResourceAccess[0]?.resourceAccess).toHaveLength(
      identityPermissions.permissions.length,
    );
  }, 30_000);
});
