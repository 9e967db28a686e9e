// The Defender for Office 365 / EOP and Purview controls' predicates over the simulator's cmdlet
// answers: each resource is what graph-sim's cmdlet (with the resource's parameters) writes for the
// demo tenant, edited per case, so a wrong cmdlet, parameter or property name fails here. The HTTPS
// run through the compliance server is in apps/m365-compliance (defender- and purview-scenarios.ts).
import {
  CIS_ANTI_PHISH_SETTINGS,
  complianceCmdlets,
  createDemoTenant,
  defenderCmdlets,
  demoPeople,
  type Tenant,
} from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { licencesFrom } from '../../src/audit/licences.js';
import { catalogue } from '../../src/controls/catalogue.js';
import { CIS_BLOCKED_FILE_TYPES } from '../../src/controls/defender/attachment-types.js';
import { defenderControls } from '../../src/controls/defender/controls.js';
import { defenderResources } from '../../src/controls/defender/resources.js';
import { purviewControls } from '../../src/controls/purview/controls.js';
import { purviewResources } from '../../src/controls/purview/resources.js';
import { section2 } from '../../src/controls/section2.js';
import type { EvaluationContext, GraphControl, Outcome } from '../../src/controls/types.js';

const NOW = new Date('2026-09-01T12:00:00Z');

/** The list's `i`th item, which the demo tenant is known to have. */
function nth<T>(list: T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`the demo tenant has no item ${i} here`);
  return item;
}
const resources = { ...defenderResources, ...purviewResources };

function read(tenant: Tenant, key: keyof typeof resources): unknown {
  const spec = resources[key];
  const table = spec.service === 'exchange' ? defenderCmdlets : complianceCmdlets;
  const handler = table[spec.cmdlet];
  if (!handler) throw new Error(`graph-sim has no ${spec.cmdlet}`);
  const rows = handler(tenant, { ...('parameters' in spec ? spec.parameters : {}) });
  return spec.kind === 'get' ? rows[0] : rows;
}

function evaluate(id: string, edit: (t: Tenant) => void = () => {}): Outcome {
  const control = [...section2, ...defenderControls, ...purviewControls].find(
    (c) => c.id === `CIS.M365.${id}`,
  ) as GraphControl | undefined;
  if (!control) throw new Error(`no control ${id}`);
  const tenant = createDemoTenant({ now: NOW });
  edit(tenant);
  const data = new Map(control.resources.map((k) => [k, read(tenant, k as keyof typeof resources)]));
  const ctx: EvaluationContext = {
    get: <T>(key: string) => {
      if (!data.has(key as never)) throw new Error(`not in this control's resources: ${key}`);
      return data.get(key as never) as T;
    },
    optional: <T>(key: string) => data.get(key as never) as T | undefined,
    groupMembers: () => [],
    dns: () => {
      throw new Error('no DNS here');
    },
    exceptions: { breakGlassAccounts: [], approvedPublicGroups: [], acceptedCaExclusions: [] },
    licences: new Set(),
    now: NOW,
  };
  return control.evaluate(ctx);
}

const defaultMalware = (t: Tenant) => nth(t.defender.malwareFilterPolicies, 0);
const defaultOutbound = (t: Tenant) => nth(t.defender.hostedOutboundSpamFilterPolicies, 0);

describe('Defender for Office 365 / EOP controls over the simulator', () => {
  it('the demo tenant fails what it plants and passes the rest', () => {
    const statuses = Object.fromEntries(
      [...section2, ...defenderControls, ...purviewControls].map((c) => [
        c.id.replace('CIS.M365.', ''),
        evaluate(c.id.replace('CIS.M365.', '')).status,
      ]),
    );
    expect(statuses).toEqual({
      '2.1.1': 'pass',
      '2.1.4': 'pass',
      '2.1.2': 'pass',
      '2.1.3': 'fail',
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
  });

  it("2.1.2 names the custom policy with the filter off; preset policies are not the admin's", () => {
    const outcome = evaluate('2.1.2', (t) => {
      t.defender.malwareFilterPolicies.push({
        ...defaultMalware(t),
        Identity: 'Finance',
        Name: 'Finance',
        IsDefault: false,
        EnableFileFilter: false,
      });
      nth(t.defender.malwareFilterPolicies, 1).EnableFileFilter = false; // the Strict preset's own
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      resource: { type: 'malwareFilterPolicy', id: 'Finance' },
      evidence: { offendingPolicies: ['Finance'], expected: { EnableFileFilter: true } },
    });
  });

  it('2.1.3 needs the notification and an address', () => {
    expect(evaluate('2.1.3').evidence).toMatchObject({
      policies: [
        {
          policy: 'Default',
          EnableInternalSenderAdminNotifications: false,
          InternalSenderAdminAddress: null,
        },
      ],
    });
    const onWithoutAddress = evaluate('2.1.3', (t) => {
      defaultMalware(t).EnableInternalSenderAdminNotifications = true;
    });
    expect(onWithoutAddress.status).toBe('fail');
    const fixed = evaluate('2.1.3', (t) => {
      Object.assign(defaultMalware(t), {
        EnableInternalSenderAdminNotifications: true,
        InternalSenderAdminAddress: 'secops@contoso.com',
      });
    });
    expect(fixed.status).toBe('pass');
  });

  it('2.1.11 passes only when a policy in force blocks all 184 types', () => {
    expect(CIS_BLOCKED_FILE_TYPES).toHaveLength(184);
    const demo = evaluate('2.1.11');
    expect(demo.evidence).toMatchObject({ requiredExtensions: 184, closestPolicy: 'Default' });
    const complete = (t: Tenant) =>
      t.defender.malwareFilterPolicies.push({
        ...defaultMalware(t),
        Identity: 'CIS L2 Attachment Policy',
        Name: 'CIS L2 Attachment Policy',
        IsDefault: false,
        FileTypes: [...CIS_BLOCKED_FILE_TYPES],
      });
    // A complete custom policy without an enabled rule applies to no one.
    expect(evaluate('2.1.11', complete).status).toBe('fail');
    const withRule = evaluate('2.1.11', (t) => {
      complete(t);
      t.defender.malwareFilterRules.push({
        Identity: 'CIS L2 Attachment Policy',
        Name: 'CIS L2 Attachment Policy',
        Guid: 'g',
        State: 'Enabled',
        Priority: 0,
        MalwareFilterPolicy: 'CIS L2 Attachment Policy',
        SentTo: null,
        SentToMemberOf: null,
        RecipientDomainIs: ['contoso.com'],
        ExceptIfSentTo: null,
        ExceptIfSentToMemberOf: null,
        ExceptIfRecipientDomainIs: null,
      });
    });
    expect(withRule).toMatchObject({
      status: 'pass',
      evidence: { closestPolicy: 'CIS L2 Attachment Policy', missingExtensions: [] },
    });
  });

  it('2.1.1 reads the Safe Links policy that reaches the organisation, by precedence', () => {
    expect(evaluate('2.1.1').evidence).toMatchObject({
      effectivePolicy: 'Contoso Safe Links',
      via: 'custom',
      appliesTo: 'recipients in contoso.com',
    });
    // Without the custom rule, the built-in policy is what everyone gets; it skips internal senders.
    const builtIn = evaluate('2.1.1', (t) => {
      nth(t.defender.safeLinksRules, 0).State = 'Disabled';
    });
    expect(builtIn).toMatchObject({
      status: 'fail',
      resource: { type: 'safeLinksPolicy', id: 'Built-In Protection Policy' },
      evidence: { via: 'built-in protection', settingsNotAsCis: { EnableForInternalSenders: false } },
    });
    // The Strict preset comes first once its rule reaches every recipient.
    const strict = evaluate('2.1.1', (t) => {
      nth(t.defender.atpProtectionPolicyRules, 0).SentTo = null;
    });
    expect(strict.evidence).toMatchObject({
      via: 'preset (Strict Preset Security Policy)',
      appliesTo: 'all recipients',
    });
  });

  it('2.1.4 fails when a custom policy that does not block comes before the built-in one', () => {
    expect(evaluate('2.1.4').evidence).toMatchObject({ effectivePolicy: 'Built-In Protection Policy' });
    const outcome = evaluate('2.1.4', (t) => {
      t.defender.safeAttachmentPolicies.push({
        ...nth(t.defender.safeAttachmentPolicies, 0),
        Identity: 'Dynamic',
        Name: 'Dynamic',
        IsBuiltInProtection: false,
        Action: 'DynamicDelivery',
      });
      t.defender.safeAttachmentRules.push({
        ...nth(t.defender.antiPhishRules, 0),
        Identity: 'Dynamic',
        Name: 'Dynamic',
        SafeAttachmentPolicy: 'Dynamic',
      });
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      resource: { id: 'Dynamic' },
      evidence: { settingsNotAsCis: { Action: 'DynamicDelivery' } },
    });
  });

  it('2.1.5 reads the three Safe Attachments / Safe Documents settings', () => {
    expect(
      evaluate('2.1.5', (t) => {
        t.defender.atpPolicyForO365.AllowSafeDocsOpen = true;
      }),
    ).toMatchObject({
      status: 'fail',
      evidence: { AllowSafeDocsOpen: true, expected: { AllowSafeDocsOpen: false } },
    });
  });

  it('2.1.6 and 2.1.15 read every admin outbound policy', () => {
    expect(
      evaluate('2.1.6', (t) => {
        defaultOutbound(t).NotifyOutboundSpamRecipients = [];
      }),
    ).toMatchObject({
      status: 'fail',
      resource: { id: 'Default' },
    });
    expect(evaluate('2.1.15').evidence).toMatchObject({
      policies: [
        {
          policy: 'Default',
          RecipientLimitExternalPerHour: 0,
          ActionWhenThresholdReached: 'BlockUserForToday',
        },
      ],
    });
    const limited = (t: Tenant) =>
      Object.assign(defaultOutbound(t), {
        RecipientLimitExternalPerHour: 500,
        RecipientLimitInternalPerHour: 1000,
        RecipientLimitPerDay: 800,
        ActionWhenThresholdReached: 'BlockUser',
      });
    expect(evaluate('2.1.15', limited).status).toBe('pass');
    expect(
      evaluate('2.1.15', (t) => {
        limited(t);
        defaultOutbound(t).RecipientLimitPerDay = 1001;
      }).status,
    ).toBe('fail');
  });

  it('2.1.7 needs a policy with CIS settings that reaches recipients through an enabled rule', () => {
    expect(evaluate('2.1.7').evidence).toMatchObject({
      policy: 'Contoso AntiPhish',
      appliesTo: { RecipientDomainIs: ['contoso.com'] },
    });
    expect(
      evaluate('2.1.7', (t) => {
        nth(t.defender.antiPhishRules, 0).State = 'Disabled';
      }).status,
    ).toBe('fail');
    const weak = evaluate('2.1.7', (t) => {
      nth(t.defender.antiPhishPolicies, 1).PhishThresholdLevel = 2;
    });
    expect(weak.status).toBe('fail');
    expect(JSON.stringify(weak.evidence)).toContain('"PhishThresholdLevel":2');
    const defaultAsCis = evaluate('2.1.7', (t) => {
      t.defender.antiPhishRules = [];
      Object.assign(nth(t.defender.antiPhishPolicies, 0), CIS_ANTI_PHISH_SETTINGS);
    });
    expect(defaultAsCis.evidence).toMatchObject({
      policy: 'Office365 AntiPhish Default',
      appliesTo: 'all recipients',
    });
  });

  it('2.1.12, 2.1.13 and 2.1.14 name what is allowed', () => {
    expect(evaluate('2.1.12').evidence).toMatchObject({
      policies: [{ policy: 'Default', IPAllowList: ['203.0.113.25'] }],
    });
    expect(
      evaluate('2.1.13', (t) => {
        nth(t.defender.hostedConnectionFilterPolicies, 0).EnableSafeList = true;
      }).status,
    ).toBe('fail');
    expect(evaluate('2.1.14')).toMatchObject({
      resource: { type: 'hostedContentFilterPolicy', id: 'Marketing partners' },
      evidence: { offendingPolicies: ['Marketing partners'] },
    });
  });

  it('2.4.1 needs protection on and at least one tagged account, and says what it does not read', () => {
    expect(evaluate('2.4.1').evidence).toMatchObject({
      EnablePriorityAccountProtection: true,
      priorityAccounts: [demoPeople.megan.userPrincipalName, demoPeople.isaiah.userPrincipalName],
      notEvaluated: expect.stringContaining('Alert policies'),
    });
    expect(
      evaluate('2.4.1', (t) => {
        t.defender.priorityAccountIds = [];
      }).status,
    ).toBe('fail');
  });

  it('2.4.2 checks every priority account against both Strict preset rules', () => {
    expect(evaluate('2.4.2').evidence).toMatchObject({ notCovered: [demoPeople.isaiah.userPrincipalName] });
    const byDomain = (t: Tenant) => {
      for (const rule of [...t.defender.eopProtectionPolicyRules, ...t.defender.atpProtectionPolicyRules]) {
        rule.SentTo = null;
        rule.RecipientDomainIs = ['contoso.com'];
      }
    };
    expect(evaluate('2.4.2', byDomain).status).toBe('pass');
    expect(
      evaluate('2.4.2', (t) => {
        byDomain(t);
        nth(t.defender.atpProtectionPolicyRules, 0).State = 'Disabled';
      }).status,
    ).toBe('fail');
    const byGroup = evaluate('2.4.2', (t) => {
      for (const rule of [...t.defender.eopProtectionPolicyRules, ...t.defender.atpProtectionPolicyRules]) {
        rule.SentTo = null;
        rule.SentToMemberOf = ['Executives'];
      }
    });
    expect(byGroup).toMatchObject({
      status: 'manual',
      evidence: { coveredOnlyIfInGroups: expect.any(Array) },
    });
  });

  it('2.4.4 reads ZapEnabled', () => {
    expect(
      evaluate('2.4.4', (t) => {
        t.defender.teamsProtectionPolicy.ZapEnabled = false;
      }).evidence,
    ).toMatchObject({
      ZapEnabled: false,
    });
  });

  it('3.2.1, 3.2.2 and 3.3.1 read the DLP and label policies', () => {
    expect(evaluate('3.2.2').evidence).toMatchObject({
      teamsPolicies: [{ policy: 'Teams PII pilot', Mode: 'TestWithNotifications' }],
    });
    expect(
      evaluate('3.2.2', (t) => {
        nth(t.purview.dlpCompliancePolicies, 1).Mode = 'Enable';
      }).status,
    ).toBe('pass');
    expect(
      evaluate('3.2.1', (t) => {
        for (const p of t.purview.dlpCompliancePolicies) p.Mode = 'TestWithoutNotifications';
      }).status,
    ).toBe('fail');
    expect(
      evaluate('3.3.1', (t) => {
        nth(t.purview.labelPolicies, 0).Labels = [];
      }).status,
    ).toBe('fail');
  });

  it('each control is in the catalogue once and no manual row is left for it', () => {
    const ids = [...section2, ...defenderControls, ...purviewControls].map((c) => c.id);
    for (const id of ids)
      expect(catalogue.filter((c) => c.id === id)).toEqual([expect.objectContaining({ kind: 'graph' })]);
  });

  it('Defender for Office 365 Plan 1 comes with either plan', () => {
    const sku = (plan: string) => [
      { capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: plan, provisioningStatus: 'Success' }] },
    ];
    expect([...licencesFrom(sku('f20fedf3-f3c3-43c3-8267-2bfdd51c0939'))]).toEqual(['defenderO365P1']);
    expect([...licencesFrom(sku('8e0c0a52-6a6c-4d40-8370-dd62790dcd70'))].sort()).toEqual([
      'defenderO365P1',
      'defenderO365P2',
    ]);
  });
});
