// CIS 9.1 (Fabric tenant settings) and CIS 7.2/7.3.1 (the SharePoint admin Tenant object) through
// runAudit with the real admin API client against graph-sim's front door over HTTPS, signed in with a
// certificate (SharePoint admin refuses secret-based app-only tokens): the demo's planted verdicts, the
// Fabric list read across its pages, each resource read once, and an app without Fabric access
// skipped with the reason, never passed or failed.
import {
  type AdminApis,
  createAdminApis,
  createGraphClient,
  type GraphClient,
  microsoftApiAppIds,
  resolveCloud,
} from '@m365-mcp/graph-core';
import { createClientCertificate, createDemoTenant, type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/index.js';
import { catalogueRoles } from './graph-audit.js';

const now = new Date('2026-11-25T12:00:00Z');
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';

let sim: GraphSim;
const closers: { close(): Promise<void> }[] = [];

type TokenCredential = Parameters<typeof createGraphClient>[0]['credential'];

/**
 * A certificate-style credential from the simulator's token issuer: per scope, the audience and the
 * roles the token endpoint would grant (SharePoint's app role; none for Fabric, which refuses a token
 * carrying admin-consented roles; the catalogue's Graph roles otherwise).
 */
function credentialFor(clientId: string): TokenCredential {
  return {
    getToken: async (scopes) => {
      const scope = (Array.isArray(scopes) ? scopes[0] : scopes) ?? '';
      const audience = scope.replace(/\/\.default$/, '');
      const sharePoint = /-admin\.sharepoint\.com$/.test(audience);
      const fabric = audience === 'https://api.fabric.microsoft.com';
      const token = sim.issueToken({
        clientId,
        credential: 'certificate',
        roles: sharePoint ? ['Sites.FullControl.All'] : fabric ? [] : catalogueRoles,
        ...(sharePoint || fabric ? { audience } : {}),
      });
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

async function connect(fabricAdminApiAccess: boolean): Promise<{ graph: GraphClient; services: AdminApis }> {
  const app = sim.registerApp({
    displayName: `fabric-spo audit (${fabricAdminApiAccess ? 'with' : 'without'} Fabric)`,
    roles: catalogueRoles,
    certificatePem: createClientCertificate().certificatePem,
    serviceRoles: { [microsoftApiAppIds.sharePointOnline]: ['Sites.FullControl.All'] },
    directoryRoles: [GLOBAL_READER],
    fabricAdminApiAccess,
  });
  const credential = credentialFor(app.clientId);
  const cloud = resolveCloud({
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
    M365_FABRIC_URL: sim.serviceUrls.fabric,
    M365_SHAREPOINT_ADMIN_URL: sim.serviceUrls.sharepointAdmin,
  });
  const graph = createGraphClient({ credential, cloud, ca: sim.ca });
  const services = createAdminApis({ credential, cloud, ca: sim.ca, graph });
  closers.push(services, graph);
  return { graph, services };
}

const IDS = [
  ...[
    '9.1.1',
    '9.1.2',
    '9.1.3',
    '9.1.4',
    '9.1.5',
    '9.1.6',
    '9.1.7',
    '9.1.8',
    '9.1.9',
    '9.1.10',
    '9.1.11',
    '9.1.12',
  ],
  ...['7.2.2', '7.2.4', '7.2.7', '7.2.8', '7.2.9', '7.2.10', '7.2.11', '7.3.1'],
].map((id) => `CIS.M365.${id}`);

beforeAll(async () => {
  sim = await startGraphSim({ tenant: createDemoTenant({ now }) });
});
afterAll(async () => {
  for (const c of closers.reverse()) await c.close();
  await sim?.close();
});

describe('CIS 9.1 and 7.2/7.3.1 over the Fabric and SharePoint admin APIs', () => {
  it('finds the demo’s planted settings, reading each resource once and the Fabric list to its end', async () => {
    const { graph, services } = await connect(true);
    const before = sim.requests.all().length;
    const run = await runAudit(graph, { now, services, filter: { ids: IDS } });
    const status = Object.fromEntries(run.results.map((r) => [r.finding.id, r.finding.status]));
    expect(status).toEqual({
      'CIS.M365.9.1.1': 'fail',
      'CIS.M365.9.1.2': 'pass',
      'CIS.M365.9.1.3': 'pass',
      'CIS.M365.9.1.4': 'fail',
      'CIS.M365.9.1.5': 'pass',
      'CIS.M365.9.1.6': 'pass',
      'CIS.M365.9.1.7': 'fail',
      'CIS.M365.9.1.8': 'pass',
      'CIS.M365.9.1.9': 'fail',
      'CIS.M365.9.1.10': 'pass',
      'CIS.M365.9.1.11': 'pass',
      'CIS.M365.9.1.12': 'pass',
      'CIS.M365.7.2.2': 'pass',
      'CIS.M365.7.2.4': 'fail',
      'CIS.M365.7.2.7': 'fail',
      'CIS.M365.7.2.8': 'pass',
      'CIS.M365.7.2.9': 'fail',
      'CIS.M365.7.2.10': 'pass',
      'CIS.M365.7.2.11': 'pass',
      'CIS.M365.7.3.1': 'pass',
    });
    const calls = sim.requests
      .all()
      .slice(before)
      .filter((e) => e.side === 'fabric' || e.side === 'sharepointAdmin');
    const fabricPages = calls.filter((e) => e.side === 'fabric');
    // The demo's list spans two pages; both read, once.
    expect(fabricPages.length).toBe(2);
    expect(fabricPages[1]?.query).toHaveProperty('continuationToken');
    expect(calls.filter((e) => e.side === 'sharepointAdmin').length).toBe(1);
  });

  it('skips the Fabric controls, saying why, when the app may not read Fabric’s admin API', async () => {
    const { graph, services } = await connect(false);
    const run = await runAudit(graph, { now, services, filter: { ids: IDS } });
    const fabric = run.results.filter((r) => r.finding.id.startsWith('CIS.M365.9.1.'));
    expect(fabric.map((r) => r.finding.status)).toEqual(Array(12).fill('skipped'));
    expect(fabric[0]?.finding.reason).toMatch(/Fabric/);
    const spo = run.results.filter((r) => r.finding.id.startsWith('CIS.M365.7.'));
    expect(spo.every((r) => r.finding.status === 'pass' || r.finding.status === 'fail')).toBe(true);
  });
});
