// `check` for the admin APIs beyond Graph, against the simulator: its tokens for those APIs carry
// the app roles granted there, and the directory roles of the app's service principal are role
// assignments read through Graph. The credential and the Graph client are the real ones.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGraphClient,
  directoryRoleTemplateIds,
  microsoftApiAppIds,
  resolveCloud,
} from '@m365-mcp/graph-core';
import { createClientCertificate } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPermissions,
  checkServices,
  credentialFromEnvironment,
  definePermissions,
  formatPermissionCheck,
  GivenTokenCredential,
  type PermissionCheckReport,
  type ServiceCheck,
} from '../src/index.js';
import { fabric, graphEntries, serviceManifest } from './service-manifest.js';
import { type Sim, startSim } from './sim.js';

let sim: Sim;
let cloud: Awaited<ReturnType<typeof startSim>>['cloud'];
let dir: string;

beforeAll(async () => {
  ({ sim, cloud } = await startSim());
  dir = await mkdtemp(join(tmpdir(), 'auth-services-'));
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

const graphRoles = graphEntries.map((entry) => entry.permission);
const everyServiceRole = {
  [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'],
  [microsoftApiAppIds.sharePointOnline]: ['Sites.FullControl.All'],
};
const everyDirectoryRole = [
  directoryRoleTemplateIds.globalReader,
  directoryRoleTemplateIds.teamsAdministrator,
];

interface Grants {
  roles?: string[];
  serviceRoles?: Record<string, string[]>;
  directoryRoles?: string[];
  /** Sign in with a certificate (SharePoint's condition) rather than a client secret. */
  certificate?: boolean;
}

async function check(grants: Grants): Promise<PermissionCheckReport> {
  const certificate = grants.certificate ? createClientCertificate() : undefined;
  const app = sim.registerApp({
    roles: grants.roles ?? graphRoles,
    serviceRoles: grants.serviceRoles ?? {},
    directoryRoles: grants.directoryRoles ?? [],
    ...(certificate === undefined ? {} : { certificatePem: certificate.certificatePem }),
  });
  const env: Record<string, string> = { AZURE_TENANT_ID: sim.tenantId, AZURE_CLIENT_ID: app.clientId };
  if (certificate === undefined) {
    env.AZURE_CLIENT_SECRET = app.secret ?? '';
  } else {
    const path = join(dir, `${app.clientId}.pem`);
    await writeFile(path, `${certificate.certificatePem}\n${certificate.privateKeyPem}`);
    env.AZURE_CLIENT_CERTIFICATE_PATH = path;
  }
  const { credential } = await credentialFromEnvironment({ env, cloud, ca: sim.ca });
  const graph = createGraphClient({ credential, cloud, ca: sim.ca });
  try {
    return await checkPermissions(credential, serviceManifest, { writes: false, cloud, graph });
  } finally {
    await graph.close();
  }
}

function service(report: PermissionCheckReport, name: ServiceCheck['service']): ServiceCheck {
  const found = report.services.find((entry) => entry.service === name);
  if (found === undefined) throw new Error(`no check for ${name}`);
  return found;
}

describe('check of the admin APIs beyond Graph, against the simulator', () => {
  it('finds everything in place for an app granted everything, signing in with a certificate', async () => {
    const report = await check({
      serviceRoles: everyServiceRole,
      directoryRoles: everyDirectoryRole,
      certificate: true,
    });
    expect(report.ok).toBe(true);
    expect(report.services.map((entry) => [entry.service, entry.status])).toEqual([
      ['exchange', 'ready'],
      ['compliance', 'ready'],
      ['teams', 'ready'],
      // Its portal setting cannot be read from here.
      ['fabric', 'unchecked'],
      ['sharepointAdmin', 'ready'],
    ]);
    expect(report.services.flatMap((entry) => entry.missing)).toEqual([]);
    expect(service(report, 'exchange')).toMatchObject({
      token: { issued: true, roles: ['Exchange.ManageAsApp'] },
      appRole: { permission: 'Exchange.ManageAsApp', held: true },
      directoryRole: { held: true, heldAs: 'Global Reader' },
    });
    expect(service(report, 'sharepointAdmin').certificate).toEqual({ held: true });

    const text = formatPermissionCheck(report);
    expect(text).toContain(
      '  Exchange Online: ready (app role Exchange.ManageAsApp, directory role Global Reader).',
    );
    expect(text).toContain('  Teams admin: ready (directory role Teams Administrator).');
    expect(text).toContain(
      '  SharePoint admin: ready (app role Sites.FullControl.All, certificate credential).',
    );
    expect(text).toContain('  Fabric (Power BI) admin: nothing missing that can be seen from here.');
    expect(text).toContain('Not checkable from here (a setting in its own portal): Fabric admin portal');
    expect(text).not.toContain(': WARNING');
    expect(text).toContain('Result: OK; not fully checkable from here: Fabric (Power BI) admin.');
  });

  it('names the Exchange app role when the app lacks it, for Exchange and Purview, and still passes', async () => {
    const report = await check({
      serviceRoles: { [microsoftApiAppIds.sharePointOnline]: ['Sites.FullControl.All'] },
      directoryRoles: everyDirectoryRole,
      certificate: true,
    });
    expect(report.ok).toBe(true);
    for (const name of ['exchange', 'compliance'] as const) {
      expect(service(report, name)).toMatchObject({
        status: 'missing',
        appRole: { held: false },
        directoryRole: { held: true },
        missing: [
          'app role Exchange.ManageAsApp (id dc50a0fb-09a3-484d-be87-e023b12c6440) on Office 365 Exchange Online',
        ],
      });
    }
    expect(service(report, 'teams').status).toBe('ready');
    const text = formatPermissionCheck(report);
    expect(text).toContain('  Exchange Online: WARNING, missing:');
    expect(text).toContain('    Skipped until then: Exchange Online settings (CIS 6.x).');
    expect(text).toContain(
      '    Fix: Microsoft Entra admin center > App registrations > the app > API permissions > Add a permission > APIs my organization uses > Office 365 Exchange Online',
    );
    expect(text).toContain(
      'Result: OK; WARNING: 2 of 5 admin API(s) beyond Graph not ready (Exchange Online, Security & Compliance (Purview)), their controls will be skipped',
    );
  });

  it('names the directory role when the service principal lacks it', async () => {
    const report = await check({
      serviceRoles: everyServiceRole,
      directoryRoles: [directoryRoleTemplateIds.globalReader],
      certificate: true,
    });
    expect(report.ok).toBe(true);
    expect(service(report, 'teams')).toMatchObject({
      status: 'missing',
      directoryRole: { held: false },
      missing: [
        "directory role Teams Administrator (template id 69091246-20e8-4a56-aa4d-066075b2a7a8) on the app's service principal",
      ],
    });
    expect(service(report, 'exchange').status).toBe('ready');
    const text = formatPermissionCheck(report);
    expect(text).toContain(
      '    Fix: Microsoft Entra admin center > Roles and administrators > Teams Administrator > Add assignments',
    );
    expect(text).toContain('not ready (Teams admin)');
  });

  it('counts Global Administrator as holding a listed role, and says it is more than needed', async () => {
    const report = await check({
      serviceRoles: everyServiceRole,
      directoryRoles: [directoryRoleTemplateIds.globalAdministrator],
      certificate: true,
    });
    expect(service(report, 'teams')).toMatchObject({
      status: 'ready',
      directoryRole: { heldAs: 'Global Administrator' },
    });
    expect(formatPermissionCheck(report)).toContain(
      'directory role Global Administrator, more than the Teams Administrator it needs',
    );
  });

  it("says SharePoint refuses the app's client secret", async () => {
    const report = await check({ serviceRoles: everyServiceRole, directoryRoles: everyDirectoryRole });
    expect(service(report, 'sharepointAdmin')).toMatchObject({
      status: 'missing',
      appRole: { held: true },
      certificate: { held: false },
    });
    expect(service(report, 'exchange').status).toBe('ready');
    expect(formatPermissionCheck(report)).toContain(
      '    - a certificate credential: SharePoint admin refuses app-only tokens got with a client secret, as this one was',
    );
  });

  it('with Graph alone: every API beyond Graph is a warning, named, and the check still passes', async () => {
    const report = await check({});
    expect(report.ok).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.services.map((entry) => [entry.service, entry.status])).toEqual([
      ['exchange', 'missing'],
      ['compliance', 'missing'],
      ['teams', 'missing'],
      ['fabric', 'unchecked'],
      ['sharepointAdmin', 'missing'],
    ]);
    // Entra still issues the tokens; they carry no roles.
    expect(service(report, 'exchange').token).toEqual({ issued: true, roles: [] });
    expect(service(report, 'exchange').missing).toHaveLength(2);
    const text = formatPermissionCheck(report);
    expect(text).toContain(
      "Each is optional: what is missing here is a WARNING, does not fail the check, and skips only that API's controls.",
    );
    expect(text).toContain(
      'Result: OK; WARNING: 4 of 5 admin API(s) beyond Graph not ready (Exchange Online, Security & Compliance (Purview), Teams admin, SharePoint admin), their controls will be skipped',
    );
  });

  it('says the directory role was not read when Graph refuses the role assignments', async () => {
    const report = await check({
      roles: ['Organization.Read.All'],
      serviceRoles: everyServiceRole,
      directoryRoles: everyDirectoryRole,
      certificate: true,
    });
    expect(report.ok).toBe(false);
    expect(service(report, 'exchange')).toMatchObject({
      status: 'unchecked',
      directoryRole: { held: undefined },
    });
    expect(formatPermissionCheck(report)).toContain(
      'Not checked: directory role Global Reader, because Graph refused to list role assignments (403): the app needs RoleManagement.Read.Directory to show them.',
    );
  });

  it('says a service Microsoft does not run in the cloud is not offered there, and asks no token for it', async () => {
    const app = sim.registerApp({ roles: graphRoles });
    const usgov = resolveCloud({
      M365_CLOUD: 'usgov',
      AZURE_AUTHORITY_HOST: sim.url,
      M365_GRAPH_URL: sim.url,
    });
    const { credential } = await credentialFromEnvironment({
      env: {
        AZURE_TENANT_ID: sim.tenantId,
        AZURE_CLIENT_ID: app.clientId,
        AZURE_CLIENT_SECRET: app.secret ?? '',
      },
      cloud: usgov,
      ca: sim.ca,
    });
    const before = sim.requests.all().length;
    const [check] = await checkServices(credential, definePermissions('m365-x', graphEntries, [fabric]), {
      cloud: usgov,
      app: {},
    });
    expect(check).toMatchObject({ service: 'fabric', status: 'unchecked', ok: true, missing: [] });
    expect(check?.notOffered).toMatch(/not offered in Microsoft 365 GCC High/);
    expect(sim.requests.all().length).toBe(before);
  });

  it('does not read a given Graph token as the token of the APIs beyond Graph', async () => {
    const app = sim.registerApp({ roles: graphRoles, serviceRoles: everyServiceRole });
    const credential = new GivenTokenCredential(
      sim.issueToken({ clientId: app.clientId, roles: graphRoles }),
    );
    const report = await checkPermissions(credential, serviceManifest, { writes: false, cloud });
    expect(report.ok).toBe(true);
    expect(service(report, 'exchange')).toMatchObject({ status: 'missing', appRole: { held: undefined } });
    expect(service(report, 'exchange').missing).toEqual([
      'a token for https://outlook.office365.com/.default: the credential gave a Microsoft Graph token (aud https://graph.microsoft.com), not one for this API; a token given in M365_ACCESS_TOKEN serves Graph only',
    ]);
    // No Graph client was given: the directory role is said to be unread, not missing.
    expect(formatPermissionCheck(report)).toContain(
      'Not checked: directory role Global Reader, because no Graph connection to read role assignments through.',
    );
  });
});
