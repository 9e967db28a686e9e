// The admin's own sign-in on the command line (M365_MCP_SIGN_IN), against graph-sim over HTTPS: the
// built sample bin over stdio signs in by device code (approved through the simulator, as the browser
// would) or through the Azure CLI (a fake `az` on PATH printing what `az account get-access-token`
// prints), and Graph sees the admin, not an app.

import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphCommandLineToolsClientId } from '@m365-mcp/auth';
import { demoSignInUsers, type GraphSim, roleTemplateIds, startGraphSim } from '@m365-mcp/graph-sim';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorUrls } from '../src/cli/demo-tenant.js';
import { callTool } from '../src/testing/index.js';
import { buildSampleBin } from './build-sample-bin.js';

let dir: string;
let bin: string;
let sim: GraphSim;
let env: Record<string, string>;
/** The public client the fake `az` signs in with (the Azure CLI's, in Entra). */
let azureCli: { clientId: string };
const redirectUri = 'http://localhost:8400';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-delegated-'));
  [bin, sim] = await Promise.all([buildSampleBin(dir), startGraphSim()]);
  // Microsoft's first-party public client, which device code uses when AZURE_CLIENT_ID is unset.
  sim.registerApp({
    clientId: graphCommandLineToolsClientId,
    displayName: 'Microsoft Graph Command Line Tools',
    roles: [],
    publicClient: true,
    delegatedPermissions: ['User.Read', 'User.Read.All'],
  });
  azureCli = sim.registerApp({
    displayName: 'Microsoft Azure CLI',
    roles: [],
    publicClient: true,
    redirectUris: [redirectUri],
    delegatedPermissions: ['User.Read', 'User.Read.All'],
  });
  sim.assignDirectoryRole({
    upn: demoSignInUsers.globalReader,
    roleTemplateId: roleTemplateIds.globalReader,
  });
  const caPath = join(dir, 'sim-ca.pem');
  await writeFile(caPath, sim.ca);
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NODE_EXTRA_CA_CERTS: caPath,
    AZURE_TENANT_ID: sim.tenantId,
    ...simulatorUrls(sim),
  };
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

function graphCallsBy(upn: string) {
  return sim.requests.all().filter((entry) => entry.side === 'graph' && entry.userPrincipalName === upn);
}

/** A directory on PATH holding an `az` that prints a Graph token of `upn` as the Azure CLI does. */
async function fakeAzureCli(upn: string): Promise<{ path: string; argsFile: string }> {
  const { accessToken } = await sim.signInUser({
    clientId: azureCli.clientId,
    redirectUri,
    scope: 'https://graph.microsoft.com/.default offline_access',
    upn,
  });
  const binDir = join(dir, `az-${upn.split('@')[0]}`);
  await mkdir(binDir, { recursive: true });
  const expiresOn = Math.floor(Date.now() / 1000) + 3000;
  const answer = join(binDir, 'answer.json');
  await writeFile(
    answer,
    JSON.stringify({
      accessToken,
      expiresOn: new Date(expiresOn * 1000).toISOString().replace('T', ' ').slice(0, 19),
      expires_on: expiresOn,
      subscription: '00000000-0000-0000-0000-000000000000',
      tenant: sim.tenantId,
      tokenType: 'Bearer',
    }),
  );
  const argsFile = join(binDir, 'args.txt');
  const script = join(binDir, 'az');
  await writeFile(script, `#!/bin/sh\necho "$@" >> '${argsFile}'\ncat '${answer}'\n`);
  await chmod(script, 0o755);
  return { path: binDir, argsFile };
}

function runBin(args: string[], extraEnv: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('signing in as the admin on the command line', () => {
  it('device code: the prompt goes to stderr, the admin approves, and the tool runs as them over stdio', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--audit-log', join(dir, 'audit-device.jsonl')],
      env: { ...env, M365_MCP_SIGN_IN: 'device-code' },
      stderr: 'pipe',
    });
    let stderr = '';
    let approved = false;
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const code = /enter the code (\S+) to authenticate/.exec(stderr)?.[1];
      if (code !== undefined && !approved) {
        approved = true;
        sim.approveDeviceCode(code, demoSignInUsers.globalReader);
      }
    });
    const protocolErrors: Error[] = [];
    transport.onerror = (error) => {
      protocolErrors.push(error);
    };
    const client = new Client({ name: 'delegated-stdio-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const answer = await callTool(client, 'list_users', { limit: 2 });
      expect(answer.isError).toBeFalsy();
      expect(answer.text).toMatch(/^2 of \d+ users/);
    } finally {
      await client.close();
    }
    expect(approved).toBe(true);
    // The prompt was on stderr; stdout carried nothing but the protocol.
    expect(protocolErrors).toEqual([]);
    expect(stderr).toMatch(
      /your sign-in by device code \(client Microsoft Graph Command Line Tools, tenant /,
    );
    expect(graphCallsBy(demoSignInUsers.globalReader).map((entry) => entry.path)).toContain('/users');
    const deviceCodeRequest = sim.requests
      .all()
      .find((entry) => entry.side === 'entra' && entry.path.endsWith('/oauth2/v2.0/devicecode'));
    expect(deviceCodeRequest?.clientId).toBe(graphCommandLineToolsClientId);
  });

  it('Azure CLI: the server uses the az session, and Graph sees that user', async () => {
    const az = await fakeAzureCli(demoSignInUsers.securityAdministrator);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--audit-log', join(dir, 'audit-az.jsonl')],
      env: { ...env, M365_MCP_SIGN_IN: 'azure-cli', PATH: `${az.path}:${env.PATH}` },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'delegated-stdio-test', version: '0.0.0' });
    await client.connect(transport);
    sim.requests.clear();
    try {
      const answer = await callTool(client, 'list_users', { limit: 1 });
      // Lee is Security Administrator: /users is his to read in the simulator's model of Entra.
      expect(answer.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    expect(stderr).toContain(`your Azure CLI sign-in (az login) in tenant ${sim.tenantId}`);
    expect(graphCallsBy(demoSignInUsers.securityAdministrator).length).toBeGreaterThan(0);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(az.argsFile, 'utf8')).toContain(
      `account get-access-token --output json --resource https://graph.microsoft.com --tenant ${sim.tenantId}`,
    );
  });

  it('check as the user lists their directory roles, the scopes and what is missing; exit 1 when a tool cannot work', async () => {
    const az = await fakeAzureCli(demoSignInUsers.globalReader);
    const withAz = { M365_MCP_SIGN_IN: 'azure-cli', PATH: `${az.path}:${env.PATH}` };
    const reads = await runBin(['check'], withAz);
    expect(reads.stdout).toContain(`signed in as ${demoSignInUsers.globalReader} in tenant ${sim.tenantId}`);
    expect(reads.stdout).toContain('Directory roles: Global Reader');
    expect(reads.stdout).toMatch(/Delegated scopes in the token \(scp\): .*User\.Read\.All/);
    expect(reads.stdout).toMatch(/User\.Read\.All\s+read\s+granted\s+held/);
    expect(reads.stdout).toContain('Result: OK');
    expect(reads.code).toBe(0);

    const writes = await runBin(['check', '--writes'], withAz);
    expect(writes.stdout).toMatch(/User\.ReadWrite\.All\s+write\s+MISSING\s+MISSING\s+Global Administrator/);
    expect(writes.stdout).toMatch(
      /User\.ReadWrite\.All: the delegated scope User\.ReadWrite\.All is not in the token .*; and you hold none of the directory roles Global Administrator\. Used for: disable a compromised user/,
    );
    expect(writes.stdout).toContain('Result: FAILED, 1 permission(s) cannot work on your behalf.');
    expect(writes.code).toBe(1);
  });

  it('check with M365_MCP_SIGN_IN=on-behalf-of proves the server app signs in and lists what delegated mode needs', async () => {
    const app = sim.registerApp({
      displayName: 'm365-sample (on-behalf-of)',
      roles: [],
      delegatedPermissions: ['User.Read.All'],
    });
    const { code, stdout } = await runBin(['check', '--writes'], {
      M365_MCP_SIGN_IN: 'on-behalf-of',
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: app.secret as string,
    });
    expect(stdout).toContain(
      `On-behalf-of: the server app ${app.clientId} signs in to tenant ${sim.tenantId}`,
    );
    expect(stdout).toMatch(/User\.ReadWrite\.All\s+write\s+User\.ReadWrite\.All\s+Global Administrator/);
    expect(stdout).not.toContain(app.secret as string);
    expect(code).toBe(0);
  });
});
