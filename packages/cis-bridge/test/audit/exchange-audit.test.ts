// CIS 1.2.2, 1.3.x, 3.1.1 and 6.x (Exchange Online settings) end to end below the MCP server: runAudit
// reads each cmdlet resource through graph-core's admin API client, over HTTPS, from graph-sim's
// Exchange Online InvokeCommand front door (token audience, Exchange.ManageAsApp, the directory
// role), once a run however many controls read it; 1.2.2 joins it with Graph's users.
import {
  createAdminApis,
  createGraphClient,
  directoryRoleTemplateIds,
  microsoftApiAppIds,
  resolveCloud,
} from '@m365-mcp/graph-core';
import {
  createDemoTenant,
  type GraphSim,
  generateDirectory,
  generateExchange,
  startGraphSim,
  type Tenant,
} from '@m365-mcp/graph-sim';
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
  ...['1.2.2', '1.3.3', '1.3.6', '1.3.9', '3.1.1', '6.1.1', '6.1.2', '6.1.3', '6.2.1', '6.2.2', '6.2.3'],
  ...['6.3.1', '6.5.1', '6.5.2', '6.5.3', '6.5.4', '6.5.5'],
].map((id) => `CIS.M365.${id}`);

async function audit(
  edit: (t: Tenant) => void,
  directoryRoles: string[],
  exchangeRoles = ['Exchange.ManageAsApp'],
) {
  const tenant = createDemoTenant({ now });
  edit(tenant);
  sim = await startGraphSim({ tenant });
  const current = sim;
  const app = current.registerApp({
    displayName: 'exchange audit (test)',
    roles: catalogueRoles,
    serviceRoles: { [microsoftApiAppIds.exchangeOnline]: exchangeRoles },
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
          roles: graphScope ? catalogueRoles : exchangeRoles,
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
      .filter((e) => e.side === 'exchange');
    return { findings, calls };
  } finally {
    await graph.close();
  }
}

describe('CIS 1.2.2, 1.3.x, 3.1.1 and 6.x over Exchange Online', () => {
  it("finds the demo's planted gaps, reading each cmdlet once", async () => {
    const { findings, calls } = await audit(() => {}, [directoryRoleTemplateIds.globalReader]);
    expect(Object.fromEntries(Object.entries(findings).map(([id, f]) => [id, f.status]))).toEqual({
      '1.2.2': 'fail',
      '1.3.3': 'pass',
      '1.3.6': 'fail',
      '1.3.9': 'pass',
      '3.1.1': 'pass',
      '6.1.1': 'pass',
      '6.1.2': 'fail',
      '6.1.3': 'fail',
      '6.2.1': 'fail',
      '6.2.2': 'pass',
      '6.2.3': 'pass',
      '6.3.1': 'fail',
      '6.5.1': 'pass',
      '6.5.2': 'pass',
      '6.5.3': 'pass',
      '6.5.4': 'pass',
      '6.5.5': 'fail',
    });
    expect(findings['1.2.2']?.resource).toMatchObject({ type: 'sharedMailbox', displayName: 'DiegoS' });
    // 10 Exchange resources (user and shared mailboxes in one Get-Mailbox) and the outbound spam
    // policies, read by controls of two services: each once, in one page (the demo is small).
    expect(calls.map((c) => c.cmdlet).sort()).toEqual([
      'Get-AdminAuditLogConfig',
      'Get-ExternalInOutlook',
      'Get-HostedOutboundSpamFilterPolicy',
      'Get-Mailbox',
      'Get-MailboxAuditBypassAssociation',
      'Get-OrganizationConfig',
      'Get-OwaMailboxPolicy',
      'Get-RoleAssignmentPolicy',
      'Get-SharingPolicy',
      'Get-TransportConfig',
      'Get-TransportRule',
    ]);
  });

  it('reads every mailbox of a tenant larger than one page of Get-Mailbox', async () => {
    const { findings } = await audit(
      (t) => {
        t.directory = generateDirectory({ users: 1_200, seed: 'exo-audit', now });
        t.exchange = generateExchange({ seed: 'exo-audit', users: t.directory.users });
      },
      [directoryRoleTemplateIds.globalReader],
    );
    const mailboxes = findings['6.1.2']?.evidence.userMailboxes as number;
    expect(mailboxes).toBeGreaterThan(1_000);
  });

  it('skips the Exchange controls, saying why, when the app lacks Exchange.ManageAsApp', async () => {
    const { findings } = await audit(() => {}, [directoryRoleTemplateIds.globalReader], []);
    for (const id of ['1.3.6', '6.1.2', '6.5.5']) {
      expect(findings[id]?.status, id).toBe('skipped');
      expect(findings[id]?.reason, id).toMatch(/Exchange/);
    }
  });
});
