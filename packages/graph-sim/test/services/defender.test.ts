import { describe, expect, it } from 'vitest';
import { defenderCmdlets } from '../../src/services/exchange/defender-cmdlets.js';
import { CmdletError } from '../../src/services/service-handler.js';
import { createDemoTenant } from '../../src/tenant/demo/index.js';
import { demoPeople } from '../../src/tenant/demo/people.js';
import { generateDefender } from '../../src/tenant/generate/defender.js';

const now = new Date('2026-06-01T00:00:00Z');

function run(cmdlet: string, parameters: Record<string, unknown> = {}, tenant = createDemoTenant({ now })) {
  const handler = defenderCmdlets[cmdlet];
  if (!handler) throw new Error(`no ${cmdlet}`);
  return handler(tenant, parameters);
}

describe('Defender / EOP cmdlets of Exchange Online', () => {
  it('Get-MalwareFilterPolicy lists the default and the preset policies with the documented properties', () => {
    const rows = run('Get-MalwareFilterPolicy');
    expect(rows.map((r) => [r.Identity, r.IsDefault, r.RecommendedPolicyType])).toEqual([
      ['Default', true, 'Custom'],
      ['Strict Preset Security Policy1622650008534', false, 'Strict'],
    ]);
    expect(rows[0]).toMatchObject({
      EnableFileFilter: true,
      EnableInternalSenderAdminNotifications: false,
      InternalSenderAdminAddress: null,
    });
    expect(rows[0]?.FileTypes).toHaveLength(53);
  });

  it('-Identity picks one object, case-insensitively; an unknown one is ManagementObjectNotFoundException', () => {
    expect(run('Get-HostedContentFilterPolicy', { Identity: 'marketing partners' })).toEqual([
      expect.objectContaining({
        Name: 'Marketing partners',
        AllowedSenderDomains: ['fabrikam.com', 'adatum.com'],
      }),
    ]);
    expect(() => run('Get-AntiPhishPolicy', { Identity: 'Nope' })).toThrow(
      expect.objectContaining({ code: 'ManagementObjectNotFoundException' }),
    );
  });

  it('refuses a parameter the cmdlet does not take, or a value of the wrong type', () => {
    expect(() => run('Get-TeamsProtectionPolicy', { Force: true })).toThrow(CmdletError);
    expect(() => run('Get-TeamsProtectionPolicy', { Force: true })).toThrow(/parameter name 'Force'/);
    expect(() => run('Get-User', { IsVIP: 'yes' })).toThrow(/Cannot bind parameter 'IsVIP'/);
    expect(() => run('Get-EOPProtectionPolicyRule', { State: 'On' })).toThrow(/Enabled, Disabled/);
  });

  it('the singletons answer one object each', () => {
    expect(run('Get-AtpPolicyForO365')).toEqual([
      { Identity: 'Default', EnableATPForSPOTeamsODB: true, EnableSafeDocs: true, AllowSafeDocsOpen: false },
    ]);
    expect(run('Get-EmailTenantSettings')).toEqual([
      { Identity: 'Default', EnablePriorityAccountProtection: true },
    ]);
    expect(run('Get-TeamsProtectionPolicy')[0]).toMatchObject({ ZapEnabled: true });
    expect(run('Get-ReportSubmissionPolicy')[0]).toMatchObject({
      Identity: 'DefaultReportSubmissionPolicy',
      ReportChatMessageEnabled: false,
    });
  });

  it('Get-User -IsVIP answers the priority accounts from the directory', () => {
    const vips = run('Get-User', { IsVIP: true });
    expect(vips.map((u) => u.UserPrincipalName)).toEqual([
      demoPeople.megan.userPrincipalName,
      demoPeople.isaiah.userPrincipalName,
    ]);
    expect(vips[0]).toMatchObject({
      ExternalDirectoryObjectId: demoPeople.megan.id,
      RecipientTypeDetails: 'UserMailbox',
    });
    expect(run('Get-User', { ResultSize: 3 })).toHaveLength(3);
  });

  it('the preset rules filter by -State and name the preset policies', () => {
    const tenant = createDemoTenant({ now });
    expect(run('Get-ATPProtectionPolicyRule', { State: 'Disabled' }, tenant)).toEqual([]);
    const [strict] = run(
      'Get-EOPProtectionPolicyRule',
      { Identity: 'Strict Preset Security Policy' },
      tenant,
    );
    expect(strict).toMatchObject({
      State: 'Enabled',
      SentTo: [demoPeople.megan.userPrincipalName],
      SentToMemberOf: null,
    });
  });

  it('Safe Links and Safe Attachments list the built-in, custom and preset policies, and their rules', () => {
    expect(
      run('Get-SafeLinksPolicy').map((p) => [p.Name, p.IsBuiltInProtection, p.EnableForInternalSenders]),
    ).toEqual([
      ['Built-In Protection Policy', true, false],
      ['Contoso Safe Links', false, true],
      ['Strict Preset Security Policy1622650008534', false, true],
    ]);
    expect(run('Get-SafeLinksRule', { State: 'Enabled' })).toEqual([
      expect.objectContaining({ SafeLinksPolicy: 'Contoso Safe Links', RecipientDomainIs: ['contoso.com'] }),
    ]);
    expect(run('Get-SafeAttachmentPolicy', { Identity: 'Built-In Protection Policy' })).toEqual([
      expect.objectContaining({ Enable: true, Action: 'Block', QuarantineTag: 'AdminOnlyAccessPolicy' }),
    ]);
    expect(run('Get-SafeAttachmentRule')).toEqual([]);
  });

  it('answers copies: a caller cannot change the tenant through them', () => {
    const tenant = createDemoTenant({ now });
    const [policy] = run('Get-HostedConnectionFilterPolicy', {}, tenant);
    (policy as { IPAllowList: string[] }).IPAllowList.push('10.0.0.1');
    expect(tenant.defender.hostedConnectionFilterPolicies[0]?.IPAllowList).toEqual(['203.0.113.25']);
  });

  it('generateDefender is deterministic per seed and varies across seeds', () => {
    const a = generateDefender({ seed: 1, now });
    expect(generateDefender({ seed: 1, now })).toEqual(a);
    const seeds = Array.from({ length: 12 }, (_, i) => generateDefender({ seed: i, now }));
    expect(new Set(seeds.map((d) => JSON.stringify(d.hostedConnectionFilterPolicies))).size).toBeGreaterThan(
      1,
    );
    expect(new Set(seeds.map((d) => d.teamsProtectionPolicy.ZapEnabled)).size).toBe(2);
  });
});
