// CIS 9.1 over the Fabric tenant settings list, on the simulator's answers: the demo's planted
// verdicts, each "restricted" control passing when the setting is off or scoped to security groups
// and failing when on for the organisation (excluded groups or not), Publish to web scoped to groups
// left to a person, and a setting the list lacks made an error, not a verdict.

import type { Tenant } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { fabricControls } from '../../src/controls/fabric/controls.js';
import type { GraphControl } from '../../src/controls/types.js';
import { serviceContext } from './service-context.js';

const IT = { graphId: '5f1d2c3b-0000-4000-8000-000000000001', name: 'IT Department' };

function control(id: string): GraphControl {
  const found = fabricControls.find((c) => c.id === `CIS.M365.${id}`);
  if (found?.kind !== 'graph') throw new Error(`no control ${id}`);
  return found;
}

function setting(tenant: Tenant, name: string) {
  const row = tenant.fabric.tenantSettings.find((s) => s.settingName === name);
  if (!row) throw new Error(`demo lacks ${name}`);
  return row;
}

describe('CIS 9.1 over the Fabric admin API', () => {
  it('evaluates all twelve, and the demo fails the four planted ones', () => {
    const ctx = serviceContext();
    const statuses = Object.fromEntries(
      fabricControls.map((c) => [c.id, c.kind === 'graph' ? c.evaluate(ctx).status : c.kind]),
    );
    expect(statuses).toEqual({
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
    });
  });

  it('fails a setting on for the organisation and says so, and passes it scoped to a security group', () => {
    const open = control('9.1.1').evaluate(serviceContext());
    expect(open.evidence).toEqual({
      settingName: 'AllowGuestUserToAccessSharedContent',
      title: 'Guest users can access Microsoft Fabric',
      enabled: true,
      state: 'Enabled for the entire organization',
      enabledSecurityGroups: [],
      expected: 'Disabled, or enabled for specific security groups',
    });
    const scoped = control('9.1.1').evaluate(
      serviceContext((t) => {
        setting(t, 'AllowGuestUserToAccessSharedContent').enabledSecurityGroups = [IT];
      }),
    );
    expect(scoped.status).toBe('pass');
    expect(scoped.evidence).toMatchObject({
      state: 'Enabled for specific security groups',
      enabledSecurityGroups: ['IT Department'],
    });
  });

  it('fails an organisation-wide setting that only excludes some groups', () => {
    const outcome = control('9.1.10').evaluate(
      serviceContext((t) => {
        const row = setting(t, 'ServicePrincipalAccessPermissionAPIs');
        delete row.enabledSecurityGroups;
        row.excludedSecurityGroups = [IT];
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toMatchObject({ excludedSecurityGroups: ['IT Department'] });
  });

  it('leaves Publish to web scoped to groups to a person (the embed-code choice is not in the API)', () => {
    const outcome = control('9.1.4').evaluate(
      serviceContext((t) => {
        setting(t, 'PublishToWeb').enabledSecurityGroups = [IT];
      }),
    );
    expect(outcome.status).toBe('manual');
    expect(String(outcome.evidence.unread)).toContain('Only allow existing codes');
    const off = control('9.1.4').evaluate(
      serviceContext((t) => {
        setting(t, 'PublishToWeb').enabled = false;
      }),
    );
    expect(off.status).toBe('pass');
  });

  it('passes 9.1.9 only when ResourceKey authentication is blocked, and 9.1.6 only when labels are on', () => {
    expect(
      control('9.1.9').evaluate(
        serviceContext((t) => {
          setting(t, 'BlockResourceKeyAuthentication').enabled = true;
        }),
      ).status,
    ).toBe('pass');
    expect(
      control('9.1.6').evaluate(
        serviceContext((t) => {
          setting(t, 'EimInformationProtectionEdit').enabled = false;
        }),
      ).status,
    ).toBe('fail');
  });

  it('makes a setting the list lacks an error for its control, never a verdict', () => {
    const ctx = serviceContext((t) => {
      t.fabric.tenantSettings = t.fabric.tenantSettings.filter((s) => s.settingName !== 'RScriptVisual');
    });
    expect(() => control('9.1.5').evaluate(ctx)).toThrow(/did not list RScriptVisual/);
  });
});
