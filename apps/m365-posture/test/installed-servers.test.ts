// Each server as a user installs it (issue 13): a self-contained bundle with nothing else to
// install, the demo simulator left out (and named, with the command that brings it, when --demo
// asks for it), and the server answering an MCP client from the installed files alone.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SERVERS } from '../src/servers.js';
import { type InstalledServer, installPacked, installPackedServer } from './installed-server.js';

const run = promisify(execFile);
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'installed-servers-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const credentials = {
  AZURE_TENANT_ID: '00000000-0000-4000-8000-000000000001',
  AZURE_CLIENT_ID: '00000000-0000-4000-8000-000000000002',
  AZURE_CLIENT_SECRET: 'installed-server-test',
};

describe.each(KNOWN_SERVERS)('%s, installed from its tarball', (name) => {
  let installed: InstalledServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    installed = await installPackedServer(name, join(scratch, name));
    env = { PATH: process.env.PATH ?? '', HOME: join(scratch, name, 'home') };
  }, 120_000);

  it('installs alone: no dependency, no simulator, no source maps', async () => {
    expect(installed.packages).toEqual([`@m365-mcp/${name}`]);
    const { stdout } = await run('find', [installed.dir, '-name', '*.map']);
    expect(stdout).toBe('');
  });

  it('answers initialize and tools/list from the installed files', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [installed.bin],
      stderr: 'ignore',
      env: { ...env, ...credentials },
    });
    const client = new Client({ name: 'installed-servers-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(3);
    } finally {
      await client.close();
    }
  });

  it('--demo without the simulator says what to install, and exits 1', async () => {
    const failed = await run(process.execPath, [installed.bin, '--demo'], { env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('@m365-mcp/graph-sim');
    expect(failed?.stderr).toContain(`npx -y -p @m365-mcp/graph-sim -p @m365-mcp/${name} ${name} --demo`);
  });
});

describe('m365-posture installed with the four servers', () => {
  it('finds each server where npm put it, and runs its bin', async () => {
    const installed = await installPacked(['m365-posture', ...KNOWN_SERVERS], join(scratch, 'posture'));
    expect(installed.packages).toEqual(
      [...KNOWN_SERVERS, 'm365-posture'].map((n) => `@m365-mcp/${n}`).sort(),
    );
    const library = join(
      installed.dir,
      'node_modules',
      '@m365-mcp',
      'm365-posture',
      'dist',
      'lib',
      'index.js',
    );
    const posture = (await import(pathToFileURL(library).href)) as typeof import('../src/index.js');
    const found = posture.discoverServers();
    expect(found.map((server) => server.name)).toEqual([...KNOWN_SERVERS]);
    for (const server of found)
      expect(server.args[0]?.startsWith(join(installed.dir, 'node_modules'))).toBe(true);
  }, 180_000);
});
