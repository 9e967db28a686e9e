// `--tenants <file>` / M365_TENANTS_FILE on a server's command line: the built bin serving two
// tenants of one graph-sim over stdio, `check` per tenant, and a bad registry stopping the start.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GraphSim, generateTenant, startGraphSim } from '@m365-mcp/graph-sim';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorUrls } from '../src/cli/demo-tenant.js';
import { runServerCli } from '../src/cli/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { buildSampleBin } from './build-sample-bin.js';
import { sampleServer } from './sample-server.js';

let dir: string;
let bin: string;
let sim: GraphSim;
let fabrikamId: string;
let clientId: string;
let registryPath: string;
/** The bin's environment: the simulator's URLs and CA, the app's secret in the variable the registry names. */
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-tenants-'));
  const fabrikam = generateTenant({ seed: 11, name: 'fabrikam' });
  fabrikamId = fabrikam.id;
  [bin, sim] = await Promise.all([buildSampleBin(dir), startGraphSim({ tenants: [fabrikam] })]);
  // What `m365-sample check` wants: the read set.
  const app = sim.registerApp({ displayName: 'MSP app', roles: ['User.Read.All'] });
  clientId = app.clientId;
  sim.consent(fabrikamId, clientId);
  registryPath = join(dir, 'tenants.json');
  await writeFile(
    registryPath,
    JSON.stringify({
      signIn: { clientId, secretEnv: 'MSP_APP_SECRET' },
      tenants: [
        { name: 'contoso', tenantId: sim.tenantId, displayName: 'Contoso' },
        { name: 'fabrikam', tenantId: fabrikamId, displayName: 'Fabrikam' },
      ],
    }),
  );
  const caPath = join(dir, 'sim-ca.pem');
  await writeFile(caPath, sim.ca);
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NODE_EXTRA_CA_CERTS: caPath,
    MSP_APP_SECRET: app.secret ?? '',
    ...simulatorUrls(sim),
  };
}, 60_000);
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

function runBin(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function runInProcess(args: string[], runEnv: Record<string, string | undefined>) {
  let stdout = '';
  let stderr = '';
  const code = await runServerCli(sampleServer, ['node', 'm365-sample', ...args], {
    env: runEnv,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('--tenants on the command line', () => {
  it('serves every tenant of the registry over stdio, each call for the tenant it names', async () => {
    const auditLog = join(dir, 'audit.jsonl');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--tenants', registryPath, '--audit-log', auditLog],
      env,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'tenants-cli-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      const listUsers = tools.find((tool) => tool.name === 'list_users');
      expect(listUsers?.inputSchema.required).toContain('tenant');
      expect(tools.map((tool) => tool.name)).toContain('list_tenants');
      const answer = await callTool(client, 'list_users', { tenant: 'fabrikam', limit: 1 });
      expect(answer.isError).toBeFalsy();
      const unknown = await callTool(client, 'list_users', { tenant: 'northwind', limit: 1 });
      expect(unknown.text).toContain('contoso, fabrikam');
    } finally {
      await client.close();
    }
    expect(stderr).toMatch(/MCP server on stdio, read-only, 2 tenants from .*tenants\.json/);
    const audit = await readAudit(auditLog);
    expect(audit.map((line) => line.detail)).toMatchObject([
      { tenant: { name: 'fabrikam', tenantId: fabrikamId } },
      { kind: 'input' },
    ]);
  });

  it('M365_TENANTS_FILE does the same as --tenants', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--audit-log', join(dir, 'audit-env.jsonl')],
      env: { ...env, M365_TENANTS_FILE: registryPath },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'tenants-cli-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const answer = await callTool(client, 'list_tenants');
      expect(answer.structured.total).toBe(2);
    } finally {
      await client.close();
    }
  });

  it('check reports one line per tenant and exits 1 when one has revoked the consent', async () => {
    const allFine = await runBin(['--tenants', registryPath, 'check']);
    expect(allFine.stdout).toContain(`contoso (${sim.tenantId}): OK`);
    expect(allFine.stdout).toContain(`fabrikam (${fabrikamId}): OK`);
    expect(allFine.stdout).toContain('Result: OK in every tenant (2).');
    expect(allFine.code).toBe(0);

    sim.revokeConsent(fabrikamId, clientId);
    try {
      const revoked = await runBin(['--tenants', registryPath, 'check']);
      expect(revoked.code).toBe(1);
      expect(revoked.stdout).toContain(`contoso (${sim.tenantId}): OK`);
      expect(revoked.stdout).toMatch(
        new RegExp(`fabrikam \\(${fabrikamId}\\): FAILED, cannot sign in: .*AADSTS700016.*consent again`),
      );
      expect(revoked.stdout).toContain('Result: FAILED in 1 of 2 tenants');
      expect(revoked.stdout + revoked.stderr).not.toContain(env.MSP_APP_SECRET);

      const one = await runBin(['--tenants', registryPath, 'check', '--tenant', 'contoso']);
      expect(one.code).toBe(0);
      expect(one.stdout).not.toContain('fabrikam');
    } finally {
      sim.consent(fabrikamId, clientId);
    }
  });

  it('check names an unset secret variable without blaming the consent', async () => {
    const result = await runBin(['--tenants', registryPath, 'check'], { MSP_APP_SECRET: '' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`fabrikam (${fabrikamId}): FAILED, cannot sign in:`);
    expect(result.stdout).toContain('MSP_APP_SECRET is not set');
    expect(result.stdout).not.toContain('consent again');
  });

  it('check exits 1 for a tenant whose consent lacks a Graph permission', async () => {
    sim.revokeConsent(fabrikamId, clientId);
    sim.consent(fabrikamId, clientId, { roles: [] });
    try {
      const result = await runBin(['--tenants', registryPath, 'check']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`fabrikam (${fabrikamId}): FAILED, missing User.Read.All`);
    } finally {
      sim.revokeConsent(fabrikamId, clientId);
      sim.consent(fabrikamId, clientId);
    }
  });

  it('a bad registry stops the start with a message naming the entry', async () => {
    const bad = join(dir, 'bad-tenants.json');
    await writeFile(
      bad,
      JSON.stringify({
        signIn: { clientId, secretEnv: 'MSP_APP_SECRET' },
        tenants: [{ name: 'contoso', tenantId: 'not-a-guid' }],
      }),
    );
    const result = await runInProcess(['--tenants', bad], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad-tenants\.json/);
    expect(result.stderr).toMatch(/tenants\[0\]/);
    const missing = await runInProcess([], { M365_TENANTS_FILE: join(dir, 'nowhere.json') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.json" does not exist/);
  });

  it('refuses --demo with a registry, --tenant without one, and an unknown --tenant', async () => {
    const demo = await runInProcess(['--demo', '--tenants', registryPath], {});
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(
      /--demo serves the one demo tenant and cannot be combined with a tenants registry/,
    );
    const noRegistry = await runInProcess(['check', '--tenant', 'contoso'], {});
    expect(noRegistry.code).toBe(1);
    expect(noRegistry.stderr).toMatch(/--tenant needs a tenants registry/);
    const unknown = await runInProcess(['--tenants', registryPath, 'check', '--tenant', 'northwind'], {
      MSP_APP_SECRET: 'unused',
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No tenant "northwind" in the registry.*contoso, fabrikam/);
  });
});
