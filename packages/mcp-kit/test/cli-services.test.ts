// The command line of a server that reads admin APIs beyond Graph: `permissions` prints them with
// their ids and steps; `check`, run as the real bin against the simulator, verifies them and only
// warns for what they lack (exit 0), while a missing Graph permission still fails it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  directoryRoleTemplateIds,
  microsoftApiAppIds,
  microsoftApiAppRoleIds,
  microsoftGraphAppId,
} from '@m365-mcp/graph-core';
import { createClientCertificate, type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runServerCli } from '../src/cli/index.js';
import { buildSampleBin } from './build-sample-bin.js';
import { auditServer } from './fixtures/audit-sample-server.js';

let dir: string;
let bin: string;
let sim: GraphSim;
let caFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-services-'));
  [bin, sim] = await Promise.all([buildSampleBin(dir, 'audit-sample-bin'), startGraphSim()]);
  caFile = join(dir, 'graph-sim-ca.pem');
  await writeFile(caFile, sim.ca);
}, 60_000);
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runServerCli(auditServer, ['node', 'm365-audit-sample', ...args], {
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const servicesJson = z.object({
  services: z.array(
    z.object({
      service: z.string(),
      resourceAppId: z.string(),
      steps: z.object({ portal: z.array(z.string()), azureCli: z.array(z.string()) }),
    }),
  ),
  requiredResourceAccess: z.array(
    z.object({ resourceAppId: z.string(), resourceAccess: z.array(z.object({ id: z.string() })) }),
  ),
});

describe('the command line of a server reading admin APIs beyond Graph', () => {
  it('permissions prints the Graph table, then each API with its ids and steps, then the block', async () => {
    const { code, stdout } = await run(['permissions']);
    expect(code).toBe(0);
    const order = [
      'User.Read.All',
      'm365-audit-sample also reads 3 admin API(s) beyond Microsoft Graph.',
      `App role:        Exchange.ManageAsApp (id ${microsoftApiAppRoleIds.exchangeManageAsApp})`,
      `Directory role:  Teams Administrator (template id ${directoryRoleTemplateIds.teamsAdministrator})`,
      'Certificate:     This API refuses app-only tokens got with a client secret',
      `az ad app permission add --id "$APP_ID" --api ${microsoftApiAppIds.exchangeOnline}`,
      'az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments',
      'requiredResourceAccess for the app registration, Microsoft Graph first',
    ].map((fragment) => stdout.indexOf(fragment));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('permissions --json carries the services and one requiredResourceAccess entry per API with an app role', async () => {
    const { code, stdout } = await run(['permissions', '--json']);
    expect(code).toBe(0);
    const parsed = servicesJson.parse(JSON.parse(stdout));
    expect(parsed.services.map((entry) => entry.service)).toEqual(['exchange', 'teams', 'sharepointAdmin']);
    expect(parsed.requiredResourceAccess.map((entry) => entry.resourceAppId)).toEqual([
      microsoftGraphAppId,
      microsoftApiAppIds.exchangeOnline,
      microsoftApiAppIds.sharePointOnline,
    ]);
  });
});

/** Runs `check` as the bin does, signed in to the simulator as an app holding `grants`. */
async function checkAs(grants: {
  roles: string[];
  serviceRoles?: Record<string, string[]>;
  directoryRoles?: string[];
  certificate?: boolean;
}): Promise<{ code: number; stdout: string; stderr: string }> {
  const certificate = grants.certificate ? createClientCertificate() : undefined;
  const app = sim.registerApp({
    roles: grants.roles,
    serviceRoles: grants.serviceRoles ?? {},
    directoryRoles: grants.directoryRoles ?? [],
    ...(certificate === undefined ? {} : { certificatePem: certificate.certificatePem }),
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
    NODE_EXTRA_CA_CERTS: caFile,
  };
  if (certificate === undefined) {
    env.AZURE_CLIENT_SECRET = app.secret ?? '';
  } else {
    env.AZURE_CLIENT_CERTIFICATE_PATH = join(dir, `${app.clientId}.pem`);
    await writeFile(
      env.AZURE_CLIENT_CERTIFICATE_PATH,
      `${certificate.certificatePem}\n${certificate.privateKeyPem}`,
    );
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'check'], { env }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
    });
  });
}

const graphRoles = ['User.Read.All', 'RoleManagement.Read.Directory'];

describe('check of a server reading admin APIs beyond Graph, as its bin', () => {
  it('an app granted everything, with a certificate: every API ready, exit 0', async () => {
    const { code, stdout, stderr } = await checkAs({
      roles: graphRoles,
      serviceRoles: {
        [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'],
        [microsoftApiAppIds.sharePointOnline]: ['Sites.FullControl.All'],
      },
      directoryRoles: [directoryRoleTemplateIds.globalReader, directoryRoleTemplateIds.teamsAdministrator],
      certificate: true,
    });
    expect(stderr).toBe('');
    expect(stdout).toContain(
      '  Exchange Online: ready (app role Exchange.ManageAsApp, directory role Global Reader).',
    );
    expect(stdout).toContain('  Teams admin: ready (directory role Teams Administrator).');
    expect(stdout).toContain(
      '  SharePoint admin: ready (app role Sites.FullControl.All, certificate credential).',
    );
    expect(stdout).toMatch(/Result: OK\.\n$/);
    expect(code).toBe(0);
  });

  it('Graph alone: warns for each API beyond it, names what is missing, and exits 0', async () => {
    const { code, stdout } = await checkAs({ roles: graphRoles });
    expect(stdout).toContain('Each is optional: what is missing here is a WARNING, does not fail the check');
    expect(stdout).toContain('  Exchange Online: WARNING, missing:');
    expect(stdout).toContain(
      `    - app role Exchange.ManageAsApp (id ${microsoftApiAppRoleIds.exchangeManageAsApp}) on Office 365 Exchange Online`,
    );
    expect(stdout).toContain(
      `    - directory role Teams Administrator (template id ${directoryRoleTemplateIds.teamsAdministrator}) on the app's service principal`,
    );
    expect(stdout).toContain('    Skipped until then: Teams policies (CIS 8.x).');
    expect(stdout).toMatch(/Result: OK; WARNING: 3 of 3 admin API\(s\) beyond Graph not ready/);
    expect(code).toBe(0);
  });

  it('a missing Graph permission still fails, with the services reported beside it', async () => {
    const { code, stdout } = await checkAs({ roles: ['RoleManagement.Read.Directory'] });
    expect(stdout).toContain('MISSING (1)');
    expect(stdout).toMatch(/Result: FAILED, 1 permission\(s\) missing; WARNING: 3 of 3 admin API\(s\)/);
    expect(code).toBe(1);
  });
});
