// Each server's MCP Bundle manifest (apps/<server>/mcpb/manifest.json, the manifest of its .mcpb
// for Claude Desktop): valid against the MCPB 0.3 schema (vendored in scripts/schemas/), at the
// package's version and Node requirement, with the credentials as user_config (the secret and the
// certificate sensitive) and writes an explicit opt-in. Its command is started the way a host
// starts it (user_config and ${__dirname} substituted, plus --demo), and the tools it lists are
// the ones the server lists.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const servers = ['m365-security', 'm365-identity', 'm365-sharepoint', 'm365-compliance'];
const readJson = (path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8'));
const validate = new AjvJsonSchemaValidator().getValidator(
  readJson('scripts/schemas/mcpb-manifest-v0.3.schema.json'),
);

interface UserConfigField {
  type: string;
  title: string;
  description: string;
  required?: boolean;
  sensitive?: boolean;
  default?: unknown;
}

// The mcpb CLI (npm @anthropic-ai/mcpb) when the workspace root has it.
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

const home = mkdtempSync(join(tmpdir(), 'mcpb-manifests-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// Starts the manifest's mcp_config as a host would, with these user_config values, and lists tools.
async function toolsAsHostStarts(app: string, values: Record<string, string>): Promise<string[]> {
  const manifest = readJson(`apps/${app}/mcpb/manifest.json`);
  const substitute = (text: string) =>
    text
      .replaceAll(`\${__dirname}`, join(repo, 'apps', app))
      .replace(/\$\{user_config\.([a-z_]+)\}/g, (_, key: string) => values[key] ?? '');
  const { command, args, env } = manifest.server.mcp_config;
  expect(command).toBe('node');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      ...args.map(substitute),
      '--demo',
      '--audit-log',
      join(home, `${app}-${Object.keys(values).length}.jsonl`),
    ],
    env: {
      ...Object.fromEntries(
        Object.entries(env as Record<string, string>).map(([k, v]) => [k, substitute(v)]),
      ),
      PATH: process.env.PATH ?? '',
      HOME: home,
    },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'mcpb-manifest-test', version: '0.0.0' });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

describe.each(servers)('%s mcpb/manifest.json', (app) => {
  const manifest = readJson(`apps/${app}/mcpb/manifest.json`);
  const pkg = readJson(`apps/${app}/package.json`);
  const userConfig = manifest.user_config as Record<string, UserConfigField>;

  it('validates against the MCPB 0.3 manifest schema', () => {
    expect(manifest.manifest_version).toBe('0.3');
    const result = validate(manifest);
    expect(result.errorMessage).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("is the package's name and version, asks for the package's Node, runs its launcher", () => {
    expect(manifest.name).toBe(app);
    expect(manifest.version).toBe(pkg.version);
    expect(`${manifest.compatibility.runtimes.node}`.replace(/\.0$/, '')).toBe(pkg.engines.node);
    expect(manifest.server).toMatchObject({ type: 'node', entry_point: `bin/${app}.js` });
    expect(manifest.server.mcp_config.args).toEqual([`\${__dirname}/bin/${app}.js`]);
  });

  it('takes the credentials as user_config, the secret and the certificate sensitive; writes off by default', () => {
    expect(userConfig.tenant_id).toMatchObject({ type: 'string', required: true });
    expect(userConfig.client_id).toMatchObject({ type: 'string', required: true });
    expect(userConfig.certificate_path).toMatchObject({ type: 'file', sensitive: true, required: false });
    expect(userConfig.certificate_password).toMatchObject({ sensitive: true, required: false });
    expect(userConfig.client_secret).toMatchObject({ sensitive: true, required: false });
    expect(userConfig.allow_writes).toMatchObject({ type: 'boolean', default: false, required: false });
    expect(manifest.server.mcp_config.env).toEqual({
      AZURE_TENANT_ID: `\${user_config.tenant_id}`,
      AZURE_CLIENT_ID: `\${user_config.client_id}`,
      AZURE_CLIENT_CERTIFICATE_PATH: `\${user_config.certificate_path}`,
      AZURE_CLIENT_CERTIFICATE_PASSWORD: `\${user_config.certificate_password}`,
      AZURE_CLIENT_SECRET: `\${user_config.client_secret}`,
      M365_ALLOW_WRITES: `\${user_config.allow_writes}`,
    });
    // An optional field left empty must reach the server as a blank variable, which it ignores.
    for (const [key, field] of Object.entries(userConfig)) {
      if (!field.required && field.type !== 'boolean') expect(field.default, key).toBe('');
    }
  });

  it('lists exactly the tools the server lists with writes allowed; without, the write tools are absent', async () => {
    const listed = manifest.tools.map((tool: { name: string }) => tool.name);
    const withWrites = await toolsAsHostStarts(app, {
      tenant_id: 'your-tenant-id',
      client_id: 'your-client-id',
      allow_writes: 'true',
    });
    expect([...listed].sort()).toEqual([...withWrites].sort());
    const readOnly = await toolsAsHostStarts(app, { allow_writes: 'false' });
    expect(readOnly.length).toBeGreaterThan(0);
    expect(readOnly.length).toBeLessThan(withWrites.length);
    for (const tool of readOnly) expect(withWrites).toContain(tool);
  });
});

describe.skipIf(!mcpbCli)(
  `mcpb validate${mcpbCli ? '' : ' (skipped: add @anthropic-ai/mcpb to the root devDependencies)'}`,
  () => {
    it.each(servers)('%s: passes', async (app) => {
      const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          process.execPath,
          [mcpbCli ?? '', 'validate', join(repo, 'apps', app, 'mcpb', 'manifest.json')],
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
        );
      });
      expect(output).toContain('Manifest schema validation passes!');
      expect(code).toBe(0);
    });
  },
);
