// runAudit's dispatch of resources beyond Graph, through the real admin API client against
// graph-sim's front door over HTTPS (fixture cmdlet tables and handlers, so only the dispatch is
// under test): each resource read once a run, `get` as the one object, refusals skipped naming what
// unlocks the service, no connection skipped saying so, other failures errors, Graph controls
// evaluated whatever the services answer, and service data in the drift snapshots.
import {
  type AdminApis,
  createAdminApis,
  createGraphClient,
  type GraphClient,
  microsoftApiAppIds,
  resolveCloud,
} from '@m365-mcp/graph-core';
import { createClientCertificate, type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Control, GraphControl } from '../../src/controls/types.js';
import { runAudit } from '../../src/index.js';
import { catalogueRoles } from './graph-audit.js';

const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const EXCHANGE_ACCESS = 'Exchange Online needs Exchange.ManageAsApp and the Global Reader role.';

function control(
  id: string,
  resources: GraphControl['resources'],
  evaluate: GraphControl['evaluate'],
): Control {
  return {
    kind: 'graph',
    id,
    title: id,
    section: '9.9',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [],
    remediation: 'None.',
    resources,
    evaluate,
  };
}

const controls: Control[] = [
  control('T.graph', ['organization'], () => ({ status: 'pass', evidence: {} })),
  control('T.malware.count', ['malwareFilterPolicies'], (ctx) => ({
    status: 'pass',
    evidence: { policies: ctx.get<unknown[]>('malwareFilterPolicies').length },
  })),
  control('T.malware.again', ['malwareFilterPolicies'], (ctx) => ({
    status: ctx.get<unknown[]>('malwareFilterPolicies').length > 0 ? 'pass' : 'fail',
    evidence: {},
  })),
  control('T.atp', ['atpPolicyForO365'], (ctx) => {
    const policy = ctx.get<Record<string, unknown>>('atpPolicyForO365');
    const enabled = policy.EnableATPForSPOTeamsODB;
    return {
      status: enabled === true ? 'pass' : 'fail',
      evidence: { EnableATPForSPOTeamsODB: typeof enabled === 'boolean' ? enabled : null },
    };
  }),
  control('T.fabric', ['fabricTenantSettings'], (ctx) => ({
    status: 'pass',
    evidence: { settings: ctx.get<unknown[]>('fabricTenantSettings').length },
  })),
];

let sim: GraphSim;
const closers: { close(): Promise<void> }[] = [];

async function connect(grants: { exchange: boolean }): Promise<{ graph: GraphClient; services: AdminApis }> {
  const certificate = createClientCertificate();
  const app = sim.registerApp({
    displayName: `dispatch (${grants.exchange ? 'all' : 'no Exchange'})`,
    roles: catalogueRoles,
    certificatePem: certificate.certificatePem,
    serviceRoles: grants.exchange ? { [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'] } : {},
    directoryRoles: [GLOBAL_READER],
    fabricAdminApiAccess: true,
  });
  // Tokens as the simulator's token endpoint issues them per scope (cis-bridge has no credential
  // library): Exchange's carry the app's Exchange roles, Fabric's none, Graph's the catalogue's.
  const credential = {
    getToken: async (scopes: string | string[]) => {
      const scope = (Array.isArray(scopes) ? scopes[0] : scopes) ?? '';
      const audience = scope.replace(/\/\.default$/, '');
      const graphScope = audience === sim.url || audience.endsWith('graph.microsoft.com');
      const exchange = audience === 'https://outlook.office365.com';
      const roles = graphScope ? catalogueRoles : exchange && grants.exchange ? ['Exchange.ManageAsApp'] : [];
      const token = sim.issueToken({
        clientId: app.clientId,
        credential: 'certificate',
        roles,
        ...(graphScope ? {} : { audience }),
      });
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  const cloud = resolveCloud({
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
    M365_EXCHANGE_URL: sim.serviceUrls.exchange,
    M365_FABRIC_URL: sim.serviceUrls.fabric,
  });
  const graph = createGraphClient({ credential, cloud, ca: sim.ca });
  const services = createAdminApis({ credential, cloud, ca: sim.ca, graph, scheduler: { backoffBaseMs: 5 } });
  closers.push(services, graph);
  return { graph, services };
}

function findings(run: Awaited<ReturnType<typeof runAudit>>) {
  return Object.fromEntries(run.results.map((r) => [r.finding.id, r.finding]));
}

beforeAll(async () => {
  sim = await startGraphSim({
    serviceHandlers: {
      exchangeCmdlets: {
        'Get-MalwareFilterPolicy': () => [
          { Identity: 'Default', EnableFileFilter: true, WhenChanged: '2026-01-01T00:00:00Z' },
          { Identity: 'Strict', EnableFileFilter: true, WhenChanged: '2026-02-01T00:00:00Z' },
        ],
        'Get-AtpPolicyForO365': () => [{ Identity: 'Default', EnableATPForSPOTeamsODB: false }],
      },
      fabric: () => ({ status: 200, body: { value: [{ settingName: 'PublishToWeb', enabled: false }] } }),
    },
  });
});

afterAll(async () => {
  await Promise.all(closers.map((c) => c.close()));
  await sim?.close();
});

describe('runAudit over the admin APIs', () => {
  it('reads each service resource once, a get as its one object, and keeps service data for drift', async () => {
    const { graph, services } = await connect({ exchange: true });
    sim.requests.clear();
    const run = await runAudit(graph, { controls, services, serviceAccess: { exchange: EXCHANGE_ACCESS } });
    const byId = findings(run);
    expect(byId['T.graph']?.status).toBe('pass');
    expect(byId['T.malware.count']).toMatchObject({ status: 'pass', evidence: { policies: 2 } });
    expect(byId['T.atp']).toMatchObject({ status: 'fail', evidence: { EnableATPForSPOTeamsODB: false } });
    expect(byId['T.fabric']).toMatchObject({ status: 'pass', evidence: { settings: 1 } });
    const cmdlets = sim.requests
      .all()
      .filter((e) => e.side === 'exchange')
      .map((e) => e.cmdlet)
      .sort();
    expect(cmdlets).toEqual(['Get-AtpPolicyForO365', 'Get-MalwareFilterPolicy']);
    expect(run.snapshots.atpPolicyForO365).toEqual({ Identity: 'Default', EnableATPForSPOTeamsODB: false });
    expect(run.snapshots.malwareFilterPolicies).toHaveLength(2);
  });

  it('skips a refused service’s controls naming what unlocks it, and still evaluates the rest', async () => {
    const { graph, services } = await connect({ exchange: false });
    const run = await runAudit(graph, { controls, services, serviceAccess: { exchange: EXCHANGE_ACCESS } });
    const byId = findings(run);
    for (const id of ['T.malware.count', 'T.malware.again', 'T.atp']) {
      expect(byId[id]?.status).toBe('skipped');
      expect(byId[id]?.reason).toMatch(/^Not permitted: Exchange Online refused Get-\w+ \(40[13]\)\. /);
      expect(byId[id]?.reason).toContain(EXCHANGE_ACCESS);
    }
    expect(byId['T.graph']?.status).toBe('pass');
    expect(byId['T.fabric']?.status).toBe('pass');
  });

  it('skips every service control, saying the run has no connection, when no services are given', async () => {
    const { graph } = await connect({ exchange: true });
    const run = await runAudit(graph, { controls, serviceAccess: { exchange: EXCHANGE_ACCESS } });
    const byId = findings(run);
    expect(byId['T.graph']?.status).toBe('pass');
    expect(byId['T.atp']).toMatchObject({
      status: 'skipped',
      reason: `This run has no connection to Exchange Online (Get-AtpPolicyForO365). ${EXCHANGE_ACCESS}`,
    });
    expect(byId['T.fabric']).toMatchObject({
      status: 'skipped',
      reason: 'This run has no connection to The Fabric admin API (GET /v1/admin/tenantsettings).',
    });
  });

  it('tries no more of a service it could not reach: one resource’s retries, the others said so', async () => {
    const { graph, services } = await connect({ exchange: true });
    sim.requests.clear();
    sim.faults.add({ match: { path: /^\/exchange\// }, times: 1_000, fault: { kind: 'drop' } });
    try {
      const byId = findings(await runAudit(graph, { controls, services }));
      expect(byId['T.malware.count']?.reason).toMatch(
        /^Reading Get-MalwareFilterPolicy from Exchange Online failed: /,
      );
      expect(byId['T.atp']).toMatchObject({ status: 'error' });
      expect(byId['T.atp']?.reason).toMatch(/^Not read: Exchange Online could not be reached in this run \(/);
      const tried = sim.requests.all().filter((e) => e.side === 'exchange');
      expect(new Set(tried.map((e) => e.cmdlet))).toEqual(new Set(['Get-MalwareFilterPolicy']));
      // Another service is read as usual.
      expect(byId['T.fabric']?.status).toBe('pass');
    } finally {
      sim.faults.clear();
    }
  });

  it('reports another failure of a service as an error with the service’s words', async () => {
    const { graph, services } = await connect({ exchange: true });
    sim.faults.add({ match: { cmdlet: 'Get-MalwareFilterPolicy' }, fault: { kind: 'status', status: 500 } });
    const run = await runAudit(graph, { controls, services });
    const byId = findings(run);
    expect(byId['T.malware.count']?.status).toBe('error');
    expect(byId['T.malware.count']?.reason).toMatch(
      /^Reading Get-MalwareFilterPolicy from Exchange Online failed: Exchange Online: Get-MalwareFilterPolicy failed with 500/,
    );
    expect(byId['T.atp']?.status).toBe('fail');
  });
});
