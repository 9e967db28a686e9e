// The MCP Bundles themselves: scripts/release-build-bundles.mjs packs each server's .mcpb from its
// build; unpacked as a host unpacks it, the server inside starts over stdio as its manifest says,
// lists the tools its manifest lists and, with the demo tenant, answers its assessment. Needs the
// mcpb CLI (npm @anthropic-ai/mcpb) in the workspace root, to pack and unpack.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
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

interface Manifest {
  server: { mcp_config: { args: string[]; env: Record<string, string> } };
  tools: Array<{ name: string }>;
}

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

    const assessmentTool: Record<string, string> = {
      'm365-security': 'assess_security_posture',
      'm365-identity': 'assess_identity_posture',
      'm365-sharepoint': 'assess_sharepoint_posture',
      'm365-compliance': 'assess_compliance_posture',
    };

    // Unpacks the server's bundle into <scratch>/extensions/<app>, as a host installs it.
    async function unpack(app: string): Promise<{ dir: string; manifest: Manifest }> {
      const { version } = JSON.parse(readFileSync(join(repo, 'apps', app, 'package.json'), 'utf8'));
      const bundle = join(out, `${app}-${version}.mcpb`);
      expect(existsSync(bundle)).toBe(true);
      const dir = join(scratch, 'extensions', app);
      if (!existsSync(dir)) expect((await node([mcpbCli ?? '', 'unpack', bundle, dir])).code).toBe(0);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) };
    }

    // Starts the bundle's server as the manifest says (user_config and ${__dirname} substituted).
    async function start(
      app: string,
      dir: string,
      manifest: Manifest,
      values: Record<string, string>,
      extra: string[],
    ) {
      const substitute = (text: string) =>
        text
          .replaceAll(`\${__dirname}`, dir)
          .replace(/\$\{user_config\.([a-z_]+)\}/g, (_, key: string) => values[key] ?? '');
      const home = join(scratch, `${app}-home-${extra.length}`);
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [
          ...manifest.server.mcp_config.args.map(substitute),
          ...extra,
          '--audit-log',
          join(home, 'audit.jsonl'),
        ],
        env: {
          ...Object.fromEntries(
            Object.entries(manifest.server.mcp_config.env).map(([k, v]) => [k, substitute(v)]),
          ),
          PATH: process.env.PATH ?? '',
          HOME: home,
        },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'mcpb-bundle-test', version: '0.0.0' });
      await client.connect(transport);
      return client;
    }

    it.each(servers)(
      "%s: holds only its manifest, launcher and build, and the manifest is the repo's",
      async (app) => {
        const { dir, manifest } = await unpack(app);
        expect(readdirSync(dir).sort()).toEqual(['bin', 'dist', 'manifest.json', 'package.json']);
        expect(manifest).toEqual(
          JSON.parse(readFileSync(join(repo, 'apps', app, 'mcpb', 'manifest.json'), 'utf8')),
        );
      },
    );

    it.each(servers)(
      '%s: started as a host starts it for a tenant, lists the tools its manifest lists',
      async (app) => {
        const { dir, manifest } = await unpack(app);
        // Signing in is lazy (the first Graph call), so listing tools needs no reachable tenant.
        const client = await start(
          app,
          dir,
          manifest,
          {
            tenant_id: '11111111-2222-3333-4444-555555555555',
            client_id: '66666666-7777-8888-9999-000000000000',
            client_secret: 'not-a-real-secret-0123456789',
            allow_writes: 'true',
          },
          [],
        );
        try {
          const { tools } = await client.listTools();
          expect(tools.map((tool) => tool.name).sort()).toEqual(
            manifest.tools.map((tool) => tool.name).sort(),
          );
        } finally {
          await client.close();
        }
      },
    );

    it.each(servers)(
      '%s: with the demo simulator beside it, answers its assessment over stdio',
      async (app) => {
        const { dir, manifest } = await unpack(app);
        // The bundle leaves the demo simulator out (only --demo loads it); supplied here the way
        // Node finds any package, from a node_modules above the extension.
        const simulator = join(scratch, 'node_modules', '@m365-mcp', 'graph-sim');
        if (!existsSync(simulator)) {
          mkdirSync(dirname(simulator), { recursive: true });
          symlinkSync(join(repo, 'packages', 'graph-sim'), simulator, 'dir');
        }
        const client = await start(app, dir, manifest, { allow_writes: 'false' }, ['--demo']);
        try {
          const result = await client.callTool({ name: assessmentTool[app] ?? '', arguments: {} });
          expect(result.isError).not.toBe(true);
          expect(result.structuredContent).toMatchObject({ status: expect.any(String) });
        } finally {
          await client.close();
        }
      },
    );
  },
);
