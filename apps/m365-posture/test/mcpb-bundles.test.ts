// The MCP Bundles themselves: scripts/release-build-bundles.mjs packs each server's .mcpb from its
// build; unpacked as a host unpacks it, the server inside starts over stdio (its manifest's
// command, with the demo tenant) and lists the tools its manifest lists. Needs the mcpb CLI
// (npm @anthropic-ai/mcpb) in the workspace root, to pack and unpack.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const servers = ['m365-security', 'm365-identity', 'm365-sharepoint', 'm365-compliance'];

function findMcpbCli(): string | undefined {
  try {
    return join(
      dirname(createRequire(join(repo, 'package.json')).resolve('@anthropic-ai/mcpb')),
      'cli',
      'cli.js',
    );
  } catch {
    return undefined;
  }
}
const mcpbCli = findMcpbCli();

function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!mcpbCli)(
  `the .mcpb bundles${mcpbCli ? '' : ' (skipped: add @anthropic-ai/mcpb to the root devDependencies)'}`,
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mcpb-bundles-'));
    const out = join(scratch, 'out');
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    beforeAll(async () => {
      const built = await node([join(repo, 'scripts/release-build-bundles.mjs'), '--out', out]);
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
    }, 120_000);

    it.each(servers)(
      '%s: unpacked, its server starts as the manifest says and lists its tools',
      async (app) => {
        const { version } = JSON.parse(readFileSync(join(repo, 'apps', app, 'package.json'), 'utf8'));
        const bundle = join(out, `${app}-${version}.mcpb`);
        expect(existsSync(bundle)).toBe(true);
        const unpacked = join(scratch, app);
        const unpack = await node([mcpbCli ?? '', 'unpack', bundle, unpacked]);
        expect(unpack.code).toBe(0);
        expect(readdirSync(unpacked).sort()).toEqual(['bin', 'dist', 'manifest.json', 'package.json']);

        const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
        expect(manifest).toEqual(
          JSON.parse(readFileSync(join(repo, 'apps', app, 'mcpb', 'manifest.json'), 'utf8')),
        );
        const values: Record<string, string> = {
          tenant_id: 'your-tenant-id',
          client_id: 'your-client-id',
          allow_writes: 'true',
        };
        const substitute = (text: string) =>
          text
            .replaceAll(`\${__dirname}`, unpacked)
            .replace(/\$\{user_config\.([a-z_]+)\}/g, (_, key: string) => values[key] ?? '');
        const home = join(scratch, `${app}-home`);
        const transport = new StdioClientTransport({
          command: process.execPath,
          args: [
            ...manifest.server.mcp_config.args.map(substitute),
            '--demo',
            '--audit-log',
            join(home, 'audit.jsonl'),
          ],
          env: {
            ...Object.fromEntries(
              Object.entries(manifest.server.mcp_config.env as Record<string, string>).map(([k, v]) => [
                k,
                substitute(v),
              ]),
            ),
            PATH: process.env.PATH ?? '',
            HOME: home,
          },
          stderr: 'pipe',
        });
        const client = new Client({ name: 'mcpb-bundle-test', version: '0.0.0' });
        await client.connect(transport);
        try {
          const { tools } = await client.listTools();
          expect(tools.map((tool) => tool.name).sort()).toEqual(
            manifest.tools.map((tool: { name: string }) => tool.name).sort(),
          );
        } finally {
          await client.close();
        }
      },
    );
  },
);
