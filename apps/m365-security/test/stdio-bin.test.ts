// The BUILT bin over stdio (the repo's test command builds first): --demo serves MCP, the
// assessment answers, and `permissions --json` prints exactly the manifest.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callTool } from './call-tool.js';
import { results, structured } from './structured.js';

const bin = fileURLToPath(new URL('../bin/m365-security.js', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'm365-security-stdio-'));
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

const manifestSchema = z.object({
  server: z.string(),
  permissions: z.array(z.object({ permission: z.string(), id: z.string(), reason: z.string() })),
});

describe('the m365-security bin', () => {
  it('--demo: lists the read tools and answers the assessment over stdio', async () => {
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
      expect(tools.map((tool) => tool.name)).toContain('assess_security_posture');
      expect(tools.map((tool) => tool.name)).not.toContain('respond_to_incident');
      const r = await callTool(client, 'assess_security_posture', {});
      expect(structured(results.assess_security_posture, r).status).toBe('critical');
    } finally {
      await client.close();
    }
  });

  it('permissions --json lists exactly the read set, and --writes adds the write set', async () => {
    const readSet = manifestSchema.parse(JSON.parse(await run(['permissions', '--json'])));
    expect(readSet.server).toBe('m365-security');
    expect(readSet.permissions.map((p) => p.permission)).toEqual([
      'SecurityEvents.Read.All',
      'SecurityAlert.Read.All',
      'SecurityIncident.Read.All',
      'RoleManagement.Read.Directory',
    ]);
    const withWrites = manifestSchema.parse(JSON.parse(await run(['permissions', '--json', '--writes'])));
    expect(withWrites.permissions.map((p) => p.permission)).toEqual([
      ...readSet.permissions.map((p) => p.permission),
      'SecurityIncident.ReadWrite.All',
      'SecurityAlert.ReadWrite.All',
    ]);
  });
});
