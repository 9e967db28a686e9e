// The Exchange Online controls' predicates over the simulator's cmdlet answers: each resource is what
// graph-sim's Exchange (and, for the outbound spam policies, Defender) cmdlets write for the
// resource's cmdlet and parameters from the demo tenant (edited per case), so a wrong cmdlet, a
// wrong parameter or a wrong property name fails here. The HTTPS run through the compliance server
// is in apps/m365-compliance (exchange-scenarios.ts).
import {
  createDemoTenant,
  DEFAULT_ROLE_ASSIGNMENT_POLICY,
  defenderCmdlets,
  demoPeople,
  exchangeCmdlets,
  extendedAuditActions,
  type Tenant,
} from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/controls/catalogue.js';
import { cisV6Recommendations } from '../../src/controls/cis-v6.js';
import { exchangeControls } from '../../src/controls/exchange/controls.js';
import { exchangeResources } from '../../src/controls/exchange/resources.js';
import type { ServiceResourceSpec } from '../../src/controls/service-resource-spec.js';
import { serviceResources } from '../../src/controls/service-resources.js';
import type { EvaluationContext, GraphControl, Outcome } from '../../src/controls/types.js';

const NOW = new Date('2026-09-01T12:00:00Z');
type Json = Record<string, unknown>;

/** What the cmdlet a resource names writes, as run-audit keeps it (`get`: the one object). */
function read(tenant: Tenant, key: string): unknown {
  const spec: ServiceResourceSpec | undefined = serviceResources[key as keyof typeof serviceResources];
  if (!spec || !('cmdlet' in spec)) throw new Error(`not a cmdlet resource: ${key}`);
  const handler = exchangeCmdlets[spec.cmdlet] ?? defenderCmdlets[spec.cmdlet];
  if (!handler) throw new Error(`graph-sim has no ${spec.cmdlet}`);
  const rows = handler(tenant, { ...(spec.parameters ?? {}) });
  return spec.kind === 'get' ? rows[0] : rows;
}

function context(tenant: Tenant, keys: readonly string[]): EvaluationContext {
  const data = new Map<string, unknown>();
  for (const key of keys) {
    data.set(key, key === 'users' ? tenant.directory.users : read(tenant, key));
  }
  return {
    get: <T>(key: string) => {
      if (!data.has(key)) throw new Error(`not in this context: ${key}`);
      return data.get(key) as T;
    },
    optional: <T>(key: string) => data.get(key) as T | undefined,
    groupMembers: () => [],
    dns: () => {
      throw new Error('no DNS here');
    },
    exceptions: { breakGlassAccounts: [], approvedPublicGroups: [], acceptedCaExclusions: [] },
    licences: new Set(),
    now: NOW,
  };
}

function control(id: string): GraphControl {
  const found = exchangeControls.find((c) => c.id === `CIS.M365.${id}`);
  if (found?.kind !== 'graph') throw new Error(`no Exchange control ${id}`);
  return found;
}

function evaluate(id: string, edit: (t: Tenant) => void = () => {}): Outcome {
  const tenant = createDemoTenant({ now: NOW });
  edit(tenant);
  const c = control(id);
  return c.evaluate(context(tenant, c.resources));
}

const org = (t: Tenant) => t.exchange.organizationConfig;

describe('Exchange Online controls', () => {
  it('cover every Exchange recommendation, with titles and levels from the CIS v6 list, none left manual', () => {
    const ids = [
      '1.2.2',
      '1.3.3',
      '1.3.6',
      '1.3.9',
      '3.1.1',
      '6.1.1',
      '6.1.2',
      '6.1.3',
      '6.2.1',
      '6.2.2',
      '6.2.3',
      '6.3.1',
      '6.5.1',
      '6.5.2',
      '6.5.3',
      '6.5.4',
      '6.5.5',
    ];
    expect(exchangeControls.map((c) => c.id)).toEqual(ids.map((id) => `CIS.M365.${id}`));
    for (const c of exchangeControls)
      expect(
        catalogue.filter((m) => m.id === c.id),
        c.id,
      ).toHaveLength(1);
    for (const c of exchangeControls) {
      const recommendation = cisV6Recommendations.find((r) => `CIS.M365.${r.id}` === c.id);
      expect(c.title).toBe(recommendation?.title);
      expect(catalogue.filter((k) => k.id === c.id)).toHaveLength(1);
    }
  });

  it('read only cmdlets the simulator answers with the parameters given', () => {
    const tenant = createDemoTenant({ now: NOW });
    for (const key of Object.keys(exchangeResources)) expect(() => read(tenant, key)).not.toThrow();
  });

  it('find what the demo tenant plants', () => {
    const failing = exchangeControls
      .filter((c): c is GraphControl => c.kind === 'graph')
      .filter((c) => evaluate(c.id.replace('CIS.M365.', '')).status === 'fail')
      .map((c) => c.id.replace('CIS.M365.', ''));
    expect(failing).toEqual(['1.2.2', '1.3.6', '6.1.2', '6.1.3', '6.2.1', '6.3.1', '6.5.5']);
  });

  it('1.2.2 names the shared mailbox whose account can sign in, and passes when it is blocked', () => {
    const failed = evaluate('1.2.2');
    expect(failed).toMatchObject({
      status: 'fail',
      evidence: {
        sharedMailboxes: 2,
        signInBlocked: 1,
        signInAllowed: [{ mailbox: demoPeople.diego.userPrincipalName, accountEnabled: true }],
      },
      resource: { type: 'sharedMailbox', displayName: 'DiegoS' },
    });
    const passed = evaluate('1.2.2', (t) => {
      const diego = t.directory.users.find((u) => u.id === demoPeople.diego.id);
      if (diego) diego.accountEnabled = false;
    });
    expect(passed).toMatchObject({ status: 'pass', evidence: { signInBlocked: 2, signInAllowed: [] } });
  });

  it('1.2.2 cannot judge a shared mailbox whose account Graph did not return', () => {
    const outcome = evaluate('1.2.2', (t) => {
      t.directory.users = t.directory.users.filter(
        (u) => u.id !== demoPeople.diego.id && u.id !== demoPeople.lynne.id,
      );
    });
    expect(outcome).toMatchObject({
      status: 'warning',
      evidence: { accountNotFound: ['DiegoS@contoso.com', 'LynneR@contoso.com'] },
    });
  });

  it('1.3.3 fails on any enabled sharing policy that shares calendars, the default one first', () => {
    expect(evaluate('1.3.3').status).toBe('pass');
    const enabled = evaluate('1.3.3', (t) => {
      const p = t.exchange.sharingPolicies.find((s) => s.Default);
      if (p) p.Enabled = true;
    });
    expect(enabled).toMatchObject({ status: 'fail', evidence: { Enabled: true, expected: false } });
    const open = evaluate('1.3.3', (t) => {
      t.exchange.sharingPolicies[1]?.Domains.push('fabrikam.com:CalendarSharingFreeBusySimple');
    });
    expect(open).toMatchObject({
      status: 'fail',
      evidence: {
        Enabled: false,
        enabledPoliciesSharingCalendars: ['Fabrikam partners'],
      },
      resource: { type: 'sharingPolicy', id: 'Fabrikam partners' },
    });
  });

  it('1.3.9 passes with Bookings off, or the default OWA policy unable to create Bookings mailboxes', () => {
    expect(evaluate('1.3.9')).toMatchObject({
      status: 'pass',
      evidence: {
        BookingsEnabled: true,
        BookingsMailboxCreationEnabled: false,
        otherPoliciesAllowingBookings: ['Front desk bookings'],
      },
    });
    const open = (t: Tenant) => {
      const p = t.exchange.owaMailboxPolicies.find((o) => o.IsDefault);
      if (p) p.BookingsMailboxCreationEnabled = true;
    };
    expect(evaluate('1.3.9', open).status).toBe('fail');
    expect(
      evaluate('1.3.9', (t) => {
        open(t);
        org(t).BookingsEnabled = false;
      }).status,
    ).toBe('pass');
  });

  it('6.1.2 names each mailbox with what it misses, and passes when every mailbox audits the CIS actions', () => {
    const failed = evaluate('6.1.2', (t) => {
      const megan = t.exchange.mailboxes.find((m) => m.ExternalDirectoryObjectId === demoPeople.megan.id);
      if (megan) megan.AuditEnabled = false;
    });
    expect(failed.status).toBe('fail');
    const listed = failed.evidence.mailboxes as Json[];
    expect(listed).toContainEqual({ mailbox: 'MeganB@contoso.com', AuditEnabled: false, missing: {} });
    expect(listed).toContainEqual({
      mailbox: 'AdeleV@contoso.com',
      AuditEnabled: true,
      missing: {
        AuditAdmin: ['Copy', 'FolderBind', 'Move'],
        AuditDelegate: ['FolderBind', 'Move'],
        AuditOwner: ['Create', 'MailboxLogin', 'Move'],
      },
    });
    const passed = evaluate('6.1.2', (t) => {
      for (const m of t.exchange.mailboxes) {
        m.AuditAdmin = [...extendedAuditActions.AuditAdmin];
        m.AuditDelegate = [...extendedAuditActions.AuditDelegate];
        m.AuditOwner = [...extendedAuditActions.AuditOwner];
      }
    });
    expect(passed).toMatchObject({ status: 'pass', evidence: { mailboxesNotAuditingRequiredActions: 0 } });
  });

  it('6.1.3 names the account that bypasses audit logging', () => {
    expect(evaluate('6.1.3')).toMatchObject({
      status: 'fail',
      evidence: { AuditBypassEnabled: ['NestorW'], bypassingAccounts: 1 },
      resource: { type: 'mailboxAuditBypassAssociation', displayName: 'NestorW' },
    });
    expect(
      evaluate('6.1.3', (t) => {
        for (const a of t.exchange.auditBypassAssociations) a.AuditBypassEnabled = false;
      }).status,
    ).toBe('pass');
  });

  it('6.2.1 fails on a redirecting rule or a custom policy forwarding, and leaves preset policies out', () => {
    expect(evaluate('6.2.1')).toMatchObject({
      status: 'fail',
      evidence: {
        rulesRedirecting: [
          { rule: 'Copy executive mail to the assistant', RedirectMessageTo: ['exec.assistant@outlook.com'] },
        ],
      },
    });
    const noRule = (t: Tenant) => {
      t.exchange.transportRules = t.exchange.transportRules.filter((r) => r.RedirectMessageTo === null);
    };
    const passed = evaluate('6.2.1', noRule);
    expect(passed.status).toBe('pass');
    expect((passed.evidence.presetPoliciesNotJudged as string[]).length).toBeGreaterThan(0);
    const forwarding = evaluate('6.2.1', (t) => {
      noRule(t);
      const p = t.defender.hostedOutboundSpamFilterPolicies.find((o) => o.Identity === 'Default');
      if (p) p.AutoForwardingMode = 'On';
    });
    expect(forwarding).toMatchObject({
      status: 'fail',
      evidence: { outboundSpamPolicies: [{ policy: 'Default', AutoForwardingMode: 'On' }] },
    });
  });

  it('6.2.2 fails on a rule that sets SCL -1 for sender domains', () => {
    expect(evaluate('6.2.2').status).toBe('pass');
    const outcome = evaluate('6.2.2', (t) => {
      const rule = t.exchange.transportRules[1];
      if (rule) {
        rule.SenderDomainIs = ['partner.example'];
        rule.SetSCL = -1;
      }
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      evidence: {
        rulesAllowingDomains: [
          { rule: 'Disclaimer on outbound mail', SenderDomainIs: ['partner.example'], SetSCL: -1 },
        ],
      },
      resource: { type: 'transportRule' },
    });
  });

  it('6.3.1 judges the role assignment policies mailboxes use', () => {
    expect(evaluate('6.3.1')).toMatchObject({
      status: 'fail',
      evidence: {
        policiesAllowingAddIns: [
          {
            policy: DEFAULT_ROLE_ASSIGNMENT_POLICY,
            AssignedRoles: ['My Custom Apps', 'My Marketplace Apps', 'My ReadWriteMailbox Apps'],
          },
        ],
      },
    });
    const unused = evaluate('6.3.1', (t) => {
      t.exchange.roleAssignmentPolicies.push({
        Name: 'No add-ins',
        Identity: 'No add-ins',
        IsDefault: false,
        Description: '',
        AssignedRoles: ['MyBaseOptions'],
      });
      for (const m of t.exchange.mailboxes) m.RoleAssignmentPolicy = 'No add-ins';
    });
    expect(unused).toMatchObject({ status: 'pass', evidence: { policiesInUse: ['No add-ins'] } });
  });

  it('6.5.2 needs every MailTip on and a large audience of 25 or fewer', () => {
    expect(evaluate('6.5.2').status).toBe('pass');
    expect(
      evaluate('6.5.2', (t) => {
        org(t).MailTipsLargeAudienceThreshold = 50;
      }),
    ).toMatchObject({
      status: 'fail',
      evidence: { MailTipsLargeAudienceThreshold: 50 },
    });
    expect(
      evaluate('6.5.2', (t) => {
        org(t).MailTipsGroupMetricsEnabled = false;
      }).status,
    ).toBe('fail');
  });

  it('6.5.3 fails on any OWA policy offering additional storage providers', () => {
    expect(evaluate('6.5.3').status).toBe('pass');
    const outcome = evaluate('6.5.3', (t) => {
      const p = t.exchange.owaMailboxPolicies[1];
      if (p) p.AdditionalStorageProvidersAvailable = true;
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      evidence: { AdditionalStorageProvidersAvailable: ['Front desk bookings'] },
      resource: { type: 'owaMailboxPolicy', id: 'Front desk bookings' },
    });
  });

  it.each([
    [
      '1.3.6',
      'CustomerLockBoxEnabled',
      (t: Tenant) => {
        org(t).CustomerLockBoxEnabled = true;
      },
      true,
    ],
    [
      '3.1.1',
      'UnifiedAuditLogIngestionEnabled',
      (t: Tenant) => {
        t.exchange.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled = false;
      },
      false,
    ],
    [
      '6.1.1',
      'AuditDisabled',
      (t: Tenant) => {
        org(t).AuditDisabled = true;
      },
      false,
    ],
    [
      '6.2.3',
      'Enabled',
      (t: Tenant) => {
        t.exchange.externalInOutlook.Enabled = false;
      },
      false,
    ],
    [
      '6.5.1',
      'OAuth2ClientProfileEnabled',
      (t: Tenant) => {
        org(t).OAuth2ClientProfileEnabled = false;
      },
      false,
    ],
    [
      '6.5.4',
      'SmtpClientAuthenticationDisabled',
      (t: Tenant) => {
        t.exchange.transportConfig.SmtpClientAuthenticationDisabled = false;
      },
      false,
    ],
    [
      '6.5.5',
      'RejectDirectSend',
      (t: Tenant) => {
        org(t).RejectDirectSend = true;
      },
      true,
    ],
  ])('%s reads %s and flips with it', (id, property, edit, editedPasses) => {
    const before = evaluate(id);
    const after = evaluate(id, edit);
    expect(before.status).toBe(editedPasses ? 'fail' : 'pass');
    expect(after.status).toBe(editedPasses ? 'pass' : 'fail');
    expect(after.evidence).toHaveProperty(property);
  });

  it('reports an error, not a verdict, when the cmdlet leaves a deciding property out', () => {
    expect(() =>
      evaluate('6.5.5', (t) => {
        delete (org(t) as Partial<typeof t.exchange.organizationConfig>).RejectDirectSend;
      }),
    ).toThrow('Get-OrganizationConfig gave no value for RejectDirectSend.');
    expect(() =>
      evaluate('6.1.2', (t) => {
        (t.exchange.mailboxes[0] as unknown as Json).AuditEnabled = 'True';
      }),
    ).toThrow('Get-Mailbox gave AuditEnabled as "True", not true or false.');
  });
});
