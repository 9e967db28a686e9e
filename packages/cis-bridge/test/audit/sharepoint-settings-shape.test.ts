// CIS 7 reads GET /admin/sharepoint/settings in both shapes Microsoft documents (the service answers
// flat, the documentation's sample wraps the object in `value`) with the same verdicts; a body that is
// not the settings object, or a deciding setting Graph gave no value for, is an error for the control,
// never a fail (or a pass) read from "every setting absent".
import { createDemoTenant, type Tenant } from '@m365-mcp/graph-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/index.js';
import { type AuditWorld, startAuditWorld } from './graph-audit.js';

const now = new Date('2026-11-25T12:00:00Z');
const GRAPH_CONTROLS = [
  'CIS.M365.7.2.1',
  'CIS.M365.7.2.3',
  'CIS.M365.7.2.5',
  'CIS.M365.7.2.6',
  'CIS.M365.7.3.2',
];

let world: AuditWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function statuses(edit: (tenant: Tenant) => void) {
  const tenant = createDemoTenant({ now });
  edit(tenant);
  world = await startAuditWorld({ tenant });
  const run = await runAudit(world.graph, { now, filter: { sections: ['7'] } });
  const byId = new Map(run.results.map((r) => [r.finding.id, r.finding]));
  await world.close();
  world = undefined;
  return GRAPH_CONTROLS.map((id) => {
    const f = byId.get(id);
    return { id, status: f?.status, reason: f?.reason };
  });
}

/** What CIS asks for, so every control passes: a shape misread shows as a fail. */
function safeSettings(tenant: Tenant): void {
  Object.assign(tenant.sharepoint.settings, {
    sharingCapability: 'existingExternalUserSharingOnly',
    sharingDomainRestrictionMode: 'allowList',
    sharingAllowedDomainList: ['fabrikam.com'],
    isResharingByExternalUsersEnabled: false,
    isLegacyAuthProtocolsEnabled: false,
    isUnmanagedSyncAppForTenantRestricted: true,
    allowedDomainGuidsForSyncApp: ['6d5f1a51-5d4c-4c53-9b3a-3a2f0f0e5a11'],
  });
}

describe('CIS 7 over the SharePoint settings', () => {
  it('reads the value-wrapped shape exactly as the flat one', async () => {
    const flat = await statuses(safeSettings);
    expect(flat.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    const wrapped = await statuses((tenant) => {
      safeSettings(tenant);
      tenant.sharepoint.settingsShape = 'valueWrapped';
    });
    expect(wrapped).toEqual(flat);
    // The demo's risky values still fail in either shape.
    const risky = await statuses((tenant) => {
      tenant.sharepoint.settingsShape = 'valueWrapped';
    });
    expect(risky.map((r) => r.status)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail']);
  });

  it('a body that is not the settings object is an error for every control, not a fail', async () => {
    const result = await statuses((tenant) => {
      tenant.sharepoint.settings = {
        displayName: 'not settings',
      } as unknown as Tenant['sharepoint']['settings'];
    });
    for (const r of result) {
      expect(r.status, r.id).toBe('error');
      expect(r.reason).toMatch(/not a sharepointSettings object/);
    }
  });

  it('a deciding setting Graph gave no value for is an error for that control only', async () => {
    const result = await statuses((tenant) => {
      tenant.sharepoint.settings.isLegacyAuthProtocolsEnabled = null as unknown as boolean;
    });
    const legacy = result.find((r) => r.id === 'CIS.M365.7.2.1');
    expect(legacy?.status).toBe('error');
    expect(legacy?.reason).toMatch(/no value for isLegacyAuthProtocolsEnabled/);
    expect(result.find((r) => r.id === 'CIS.M365.7.2.3')?.status).toBe('fail');
  });
});
