// The built `graph-sim` command: it prints the variables that point a client at it, those
// variables really work (a token, then a Graph page), and SIGTERM stops it cleanly. The repo's test
// command builds every package first; while developing, run `pnpm --filter @m365-mcp/graph-sim build`.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/graph-sim.js', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

let child: ChildProcess;
let env: Record<string, string>;

function waitForVariables(process: ChildProcess): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let output = '';
    process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl+C')) {
        const pairs = [...output.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]);
        resolve(Object.fromEntries(pairs) as Record<string, string>);
      }
    });
    process.once('exit', (code) => reject(new Error(`graph-sim exited early with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('graph-sim is not built: run `pnpm --filter @m365-mcp/graph-sim build`');
  child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  env = await waitForVariables(child);
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('graph-sim command', () => {
  it('prints working credentials, a Graph URL and the CA, and stops on SIGTERM', async () => {
    for (const name of [
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'AZURE_CLIENT_SECRET',
      'AZURE_AUTHORITY_HOST',
      'M365_GRAPH_URL',
      'NODE_EXTRA_CA_CERTS',
    ]) {
      expect(env[name], name).toBeTruthy();
    }
    const ca = readFileSync(env.NODE_EXTRA_CA_CERTS as string, 'utf8');
    const dispatcher = new Agent({ connect: { ca } });
    const token = await fetch(`${env.AZURE_AUTHORITY_HOST}/${env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      dispatcher,
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: env.AZURE_CLIENT_ID as string,
        client_secret: env.AZURE_CLIENT_SECRET as string,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const users = await fetch(`${env.M365_GRAPH_URL}/v1.0/users?$top=2`, {
      dispatcher,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(users.status).toBe(200);
    const page = (await users.json()) as { value: unknown[]; '@odata.nextLink'?: string };
    expect(page.value).toHaveLength(2);
    expect(page['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?/);

    // The admin APIs beyond Graph: the printed Exchange URL answers the app, with a token for Exchange.
    for (const variable of [
      'M365_EXCHANGE_URL',
      'M365_COMPLIANCE_URL',
      'M365_TEAMS_ADMIN_URL',
      'M365_FABRIC_URL',
    ]) {
      expect(env[variable], variable).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    }
    const exchangeToken = await fetch(
      `${env.AZURE_AUTHORITY_HOST}/${env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
      {
        method: 'POST',
        dispatcher,
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: env.AZURE_CLIENT_ID as string,
          client_secret: env.AZURE_CLIENT_SECRET as string,
          scope: 'https://outlook.office365.com/.default',
        }),
      },
    );
    expect(exchangeToken.status).toBe(200);
    const exchange = await fetch(
      `${env.M365_EXCHANGE_URL}/adminapi/beta/${env.AZURE_TENANT_ID}/InvokeCommand`,
      {
        method: 'POST',
        dispatcher,
        headers: {
          authorization: `Bearer ${((await exchangeToken.json()) as { access_token: string }).access_token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ CmdletInput: { CmdletName: 'Get-OrganizationConfig', Parameters: {} } }),
      },
    );
    expect(exchange.status).toBe(200);
    expect(((await exchange.json()) as { value: unknown[] }).value).toHaveLength(1);
    await dispatcher.close();

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The temporary CA file goes with the process.
    expect(existsSync(env.NODE_EXTRA_CA_CERTS as string)).toBe(false);
  });
});

describe('graph-sim --tenants N', () => {
  it('hosts N generated tenants, the app consented in each, and writes their tenants registry', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'graph-sim-tenants-'));
    const registryFile = join(folder, 'tenants.json');
    const portfolio = spawn(
      process.execPath,
      [bin, '--port', '0', '--tenants', '2', '--tenants-file', registryFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    portfolio.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    try {
      const vars = await waitForVariables(portfolio);
      const registry = JSON.parse(readFileSync(registryFile, 'utf8')) as {
        signIn: { clientId: string; secretEnv: string };
        tenants: { name: string; tenantId: string; displayName: string }[];
      };
      expect(registry.signIn).toEqual({ clientId: vars.AZURE_CLIENT_ID, secretEnv: 'AZURE_CLIENT_SECRET' });
      expect(registry.tenants.map((t) => t.name)).toEqual(['contoso', 'tenant-01', 'tenant-02']);
      expect(JSON.stringify(registry)).not.toContain(vars.AZURE_CLIENT_SECRET as string);
      const second = registry.tenants[2] as { tenantId: string };
      expect(output).toContain(`# tenant-02 ${second.tenantId} {"name":"tenant-02"`);

      // The printed app signs in to a generated tenant with the printed secret and reads that tenant.
      const ca = readFileSync(vars.NODE_EXTRA_CA_CERTS as string, 'utf8');
      const dispatcher = new Agent({ connect: { ca } });
      const token = await fetch(`${vars.AZURE_AUTHORITY_HOST}/${second.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        dispatcher,
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: vars.AZURE_CLIENT_ID as string,
          client_secret: vars.AZURE_CLIENT_SECRET as string,
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      expect(token.status).toBe(200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const organization = await fetch(`${vars.M365_GRAPH_URL}/v1.0/organization`, {
        dispatcher,
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(((await organization.json()) as { value: { id: string }[] }).value[0]?.id).toBe(second.tenantId);
      await dispatcher.close();
    } finally {
      if (portfolio.exitCode === null) portfolio.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
