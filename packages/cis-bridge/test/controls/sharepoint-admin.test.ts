// CIS 7.2.2-7.2.11 and 7.3.1 over the SharePoint admin API's Tenant object, on the simulator's
// answers: the demo's planted verdicts, decisions on the numbers the API sends with their names in
// evidence, the thresholds (30 days, 15 days), the verbose `d` envelope read alike, and a body that
// is not the Tenant object made an error.
import type { Tenant } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { sharePointAdminControls } from '../../src/controls/sharepoint-admin/controls.js';
import type { EvaluationContext, GraphControl } from '../../src/controls/types.js';
import { serviceContext } from './service-context.js';

function control(id: string): GraphControl {
  const found = sharePointAdminControls.find((c) => c.id === `CIS.M365.${id}`);
  if (found?.kind !== 'graph') throw new Error(`no control ${id}`);
  return found;
}

const evaluate = (id: string, edit?: (t: Tenant) => void) => control(id).evaluate(serviceContext(edit));

describe('CIS 7 over the SharePoint admin API', () => {
  it('evaluates all eight, and the demo fails the three planted ones', () => {
    const ctx = serviceContext();
    const statuses = Object.fromEntries(
      sharePointAdminControls.map((c) => [c.id, c.kind === 'graph' ? c.evaluate(ctx).status : c.kind]),
    );
    expect(statuses).toEqual({
      'CIS.M365.7.2.2': 'pass',
      'CIS.M365.7.2.4': 'fail',
      'CIS.M365.7.2.7': 'fail',
      'CIS.M365.7.2.8': 'pass',
      'CIS.M365.7.2.9': 'fail',
      'CIS.M365.7.2.10': 'pass',
      'CIS.M365.7.2.11': 'pass',
      'CIS.M365.7.3.1': 'pass',
    });
  });

  it('decides on the enum numbers and names them in evidence', () => {
    expect(evaluate('7.2.4').evidence).toEqual({
      OneDriveSharingCapability: 'ExternalUserAndGuestSharing',
      value: 2,
      expected: 'Disabled',
    });
    expect(
      evaluate('7.2.4', (t) => {
        t.sharepointAdmin.OneDriveSharingCapability = 0;
      }).status,
    ).toBe('pass');
    expect(evaluate('7.2.7').evidence).toMatchObject({ DefaultSharingLinkType: 'Internal', value: 2 });
    expect(
      evaluate('7.2.7', (t) => {
        t.sharepointAdmin.DefaultSharingLinkType = 1;
      }).status,
    ).toBe('pass');
    const edit = evaluate('7.2.11', (t) => {
      t.sharepointAdmin.DefaultLinkPermission = 2;
    });
    expect(edit).toEqual({
      status: 'fail',
      evidence: { DefaultLinkPermission: 'Edit', value: 2, expected: 'View' },
    });
  });

  it('holds guest expiry to 30 days and verification-code reauthentication to 15', () => {
    const expiry = (required: boolean, days: number) =>
      evaluate('7.2.9', (t) =>
        Object.assign(t.sharepointAdmin, {
          ExternalUserExpirationRequired: required,
          ExternalUserExpireInDays: days,
        }),
      ).status;
    expect([expiry(true, 30), expiry(true, 31), expiry(false, 30)]).toEqual(['pass', 'fail', 'fail']);
    const reauth = (required: boolean, days: number) =>
      evaluate('7.2.10', (t) =>
        Object.assign(t.sharepointAdmin, {
          EmailAttestationRequired: required,
          EmailAttestationReAuthDays: days,
        }),
      ).status;
    expect([reauth(true, 15), reauth(true, 16), reauth(false, 1)]).toEqual(['pass', 'fail', 'fail']);
  });

  it('fails 7.2.8 when no group is allowed to share externally, showing the lists read', () => {
    const outcome = evaluate('7.2.8', (t) =>
      Object.assign(t.sharepointAdmin, {
        GuestSharingGroupAllowListInTenant: '',
        GuestSharingGroupAllowListInTenantByPrincipalIdentity: [],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toMatchObject({ GuestSharingGroupAllowListInTenantByPrincipalIdentity: [] });
  });

  it('reads the verbose `d` envelope (collections as {results}) as the flat object', () => {
    const flat = serviceContext();
    const body = flat.get<Record<string, unknown>>('sharePointTenant');
    const verbose: EvaluationContext = {
      ...flat,
      get: <T>() =>
        ({
          d: {
            ...body,
            GuestSharingGroupAllowListInTenantByPrincipalIdentity: {
              results: body.GuestSharingGroupAllowListInTenantByPrincipalIdentity,
            },
          },
        }) as T,
    };
    for (const c of sharePointAdminControls) {
      if (c.kind !== 'graph') continue;
      expect(c.evaluate(verbose)).toEqual(c.evaluate(flat));
    }
  });

  it('makes a body that is not the Tenant object, or a missing property, an error', () => {
    const flat = serviceContext();
    const wrong: EvaluationContext = { ...flat, get: <T>() => ({ error: 'nope' }) as T };
    expect(() => control('7.2.2').evaluate(wrong)).toThrow(/not the Tenant object/);
    const body = { ...flat.get<Record<string, unknown>>('sharePointTenant') };
    delete body.DisallowInfectedFileDownload;
    const partial: EvaluationContext = { ...flat, get: <T>() => body as T };
    expect(() => control('7.3.1').evaluate(partial)).toThrow(/no value for DisallowInfectedFileDownload/);
  });
});
