// CIS 2.1/2.4 (Defender for Office 365 / EOP policies) and CIS 3.2/3.3 (Purview) end to end below
// the MCP server: runAudit reads each cmdlet resource through graph-core's admin API client, over
// HTTPS, from graph-sim's Exchange Online and Security & Compliance InvokeCommand front door (token
// audience, Exchange.ManageAsApp, the directory role), once a run however many controls read it.
import {
  createAdminApis,
  createGraphClient,
  directoryRoleTemplateIds,
  microsoftApiAppIds,
  resolveCloud,
} from '@m365-mcp/graph-core';
import { createDemoTenant, type GraphSim, startGraphSim, type Tenant } from '@m365-mcp/graph-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/index.js';
import { catalogueRoles } from './graph-audit.js';

const now = new Date('2026-11-25T12:00:00Z');
let sim: GraphSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const IDS = [
  ...[
    '2.1.1',
    '2.1.4',
    '2.1.2',
    '2.1.3',
    '2.1.5',
    '2.1.6',
    '2.1.7',
    '2.1.11',
    '2.1.12',
    '2.1.13',
    '2.1.14',
    '2.1.15',
  ],
  ...['2.4.1', '2.4.2', '2.4.4', '3.2.1', '3.2.2', '3.3.1'],
].map((id) => `CIS.M365.${id}`);

async function audit(edit: (t: Tenant) => void, directoryRoles: string[]) {
  const tenant = createDemoTenant({ now });
  edit(tenant);
  sim = await startGraphSim({ tenant });
  const current = sim;
  const app = current.registerApp({
    displayName: 'defender-purview audit (test)',
    roles: catalogueRoles,
    serviceRoles: { [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'] },
    directoryRoles,
  });
  // A credential as a given token is: the simulator's token for the scope's resource.
  const credential = {
    getToken: async (scopes: string | string[]) => {
      const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes;
      const audience = scope.replace(/\/\.default$/, '');
      const graphScope = audience.startsWith('https://graph') || audience === current.url;
      return {
        token: current.issueToken({
          clientId: app.clientId,
          roles: graphScope ? catalogueRoles : ['Exchange.ManageAsApp'],
          ...(graphScope ? {} : { audience }),
        }),
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
  const cloud = resolveCloud({
    AZURE_AUTHORITY_HOST: current.url,
    M365_GRAPH_URL: current.url,
    M365_EXCHANGE_URL: current.serviceUrls.exchange,
    M365_COMPLIANCE_URL: current.serviceUrls.compliance,
  });
  const graph = createGraphClient({ credential, cloud, ca: current.ca });
  const services = createAdminApis({ credential, cloud, ca: current.ca, graph, tenantId: current.tenantId });
  const before = current.requests.all().length;
  try {
    const run = await runAudit(graph, { now, services, filter: { ids: IDS } });
    const findings = Object.fromEntries(
      run.results.map((r) => [r.finding.id.replace('CIS.M365.', ''), r.finding]),
    );
    const calls = current.requests
      .all()
      .slice(before)
      .filter((e) => e.side === 'exchange' || e.side === 'compliance');
    return { findings, calls };
  } finally {
    await graph.close();
  }
}

describe('CIS 2.1, 2.4, 3.2 and 3.3 over Exchange Online and Security & Compliance', () => {
  it("finds the demo's planted gaps, reading each cmdlet once", async () => {
    const { findings, calls } = await audit(() => {}, [directoryRoleTemplateIds.globalReader]);
    expect(Object.fromEntries(Object.entries(findings).map(([id, f]) => [id, f.status]))).toEqual({
      '2.1.1': 'pass',
      '2.1.2': 'pass',
      '2.1.3': 'fail',
      '2.1.4': 'pass',
      '2.1.5': 'pass',
      '2.1.6': 'pass',
      '2.1.7': 'pass',
      '2.1.11': 'fail',
      '2.1.12': 'fail',
      '2.1.13': 'pass',
      '2.1.14': 'fail',
      '2.1.15': 'fail',
      '2.4.1': 'pass',
      '2.4.2': 'fail',
      '2.4.4': 'pass',
      '3.2.1': 'pass',
      '3.2.2': 'fail',
      '3.3.1': 'pass',
    });
    expect(findings['2.1.14']?.resource).toMatchObject({
      type: 'hostedContentFilterPolicy',
      id: 'Marketing partners',
    });
    // Each cmdlet once, however many controls read it (the malware policies: 2.1.2, 2.1.3, 2.1.11; the
    // outbound policies: 2.1.6, 2.1.15; the priority accounts: 2.4.1, 2.4.2; the preset policies'
    // Defender rules: 2.1.1, 2.1.4, 2.4.2).
    const exchangeCalls = calls.filter((c) => c.side === 'exchange').length;
    const complianceCalls = calls.filter((c) => c.side === 'compliance').length;
    expect({ exchangeCalls, complianceCalls }).toEqual({ exchangeCalls: 17, complianceCalls: 2 });
  });

  it('skips the Purview controls, saying why, when the app holds only an Exchange-only role', async () => {
    const { findings } = await audit(() => {}, [directoryRoleTemplateIds.exchangeAdministrator]);
    for (const id of ['3.2.1', '3.2.2', '3.3.1']) {
      expect(findings[id]?.status, id).toBe('skipped');
      expect(findings[id]?.reason, id).toMatch(/Compliance|role/);
    }
    expect(findings['2.1.12']?.status).toBe('fail');
  });
});
