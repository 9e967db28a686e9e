// Exchange Online's read cmdlets (services/exchange/cmdlets.ts), called directly; the InvokeCommand
// front door (tokens, envelope, paging, faults) has its own tests.
import { describe, expect, it } from 'vitest';
import { exchangeCmdlets } from '../../src/services/exchange/cmdlets.js';
import { CmdletError, type CmdletParameters } from '../../src/services/service-handler.js';
import { createDemoTenant } from '../../src/tenant/demo/index.js';
import { demoPeople } from '../../src/tenant/demo/people.js';
import { generateDirectory } from '../../src/tenant/generate/directory.js';
import { generateExchange } from '../../src/tenant/generate/exchange.js';
import type { Tenant } from '../../src/tenant/model.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const tenant = createDemoTenant({ now: NOW });

function run(cmdlet: string, parameters: CmdletParameters = {}, t: Tenant = tenant) {
  const handler = exchangeCmdlets[cmdlet];
  if (!handler) throw new Error(`no handler for ${cmdlet}`);
  return handler(t, parameters);
}

function refusal(cmdlet: string, parameters: CmdletParameters): CmdletError {
  try {
    run(cmdlet, parameters);
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error(`${cmdlet} accepted ${JSON.stringify(parameters)}`);
}

describe('Exchange Online cmdlets', () => {
  it('answers the organisation settings with the cmdlet reference names', () => {
    const [config, ...rest] = run('Get-OrganizationConfig');
    expect(rest).toEqual([]);
    expect(config).toMatchObject({
      AuditDisabled: false,
      CustomerLockBoxEnabled: false,
      OAuth2ClientProfileEnabled: true,
      MailTipsLargeAudienceThreshold: 25,
      RejectDirectSend: false,
    });
    expect(run('Get-AdminAuditLogConfig')[0]).toMatchObject({ UnifiedAuditLogIngestionEnabled: true });
    expect(run('Get-TransportConfig')[0]).toMatchObject({ SmtpClientAuthenticationDisabled: true });
    expect(run('Get-ExternalInOutlook')[0]).toMatchObject({ Enabled: true, AllowList: ['fabrikam.com'] });
  });

  it('lists every mailbox of a licensed member, each naming its Entra account', () => {
    const mailboxes = run('Get-Mailbox', { ResultSize: 'Unlimited' });
    const members = tenant.directory.users.filter(
      (u) => u.userType === 'Member' && (u.assignedLicenses?.length ?? 0) > 0,
    );
    expect(mailboxes.map((m) => m.ExternalDirectoryObjectId).sort()).toEqual(members.map((u) => u.id).sort());
    expect(mailboxes[0]).toHaveProperty('AuditOwner');
  });

  it('narrows Get-Mailbox by RecipientTypeDetails', () => {
    const shared = run('Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' });
    expect(shared.map((m) => m.ExternalDirectoryObjectId).sort()).toEqual(
      [demoPeople.diego.id, demoPeople.lynne.id].sort(),
    );
    expect(shared.every((m) => m.RecipientTypeDetails === 'SharedMailbox')).toBe(true);
  });

  it('finds one object by Identity (name, address or id), case-insensitively', () => {
    expect(run('Get-Mailbox', { Identity: 'meganb@CONTOSO.com' }).map((m) => m.DisplayName)).toEqual([
      'Megan Bowen',
    ]);
    expect(run('Get-SharingPolicy', { Identity: 'default sharing policy' })).toHaveLength(1);
    expect(run('Get-OwaMailboxPolicy', { Identity: 'OwaMailboxPolicy-Default' })[0]).toMatchObject({
      IsDefault: true,
    });
  });

  it("answers an Identity that matches nothing with the cmdlet's not-found error", () => {
    const error = refusal('Get-Mailbox', { Identity: 'nobody@contoso.com' });
    expect(error.code).toBe('ManagementObjectNotFoundException');
    expect(error.message).toContain("object 'nobody@contoso.com' couldn't be found");
    expect(refusal('Get-RoleAssignmentPolicy', { Identity: 'Nope' }).code).toBe(
      'ManagementObjectNotFoundException',
    );
  });

  it('refuses a parameter the cmdlet does not take, or a value it cannot bind', () => {
    const unknown = refusal('Get-OrganizationConfig', { Filter: "Name -eq 'x'" });
    expect(unknown.code).toBe('ParameterBindingException');
    expect(unknown.message).toContain("'Filter'");
    expect(refusal('Get-Mailbox', { RecipientTypeDetails: 'Robot' }).message).toContain('Robot');
    expect(refusal('Get-Mailbox', { ResultSize: -1 }).message).toContain('ResultSize');
    expect(refusal('Get-TransportRule', { State: 'On' }).message).toContain('State');
    expect(refusal('Get-AdminAuditLogConfig', { Identity: 'x' }).code).toBe('ParameterBindingException');
  });

  it('returns 1000 mailboxes unless ResultSize says otherwise, as Exchange does', () => {
    const large = createDemoTenant({ now: NOW });
    large.exchange = generateExchange({
      seed: 'size',
      users: generateDirectory({ users: 1_500, seed: 'size', now: NOW }).users,
    });
    expect(large.exchange.mailboxes.length).toBeGreaterThan(1000);
    expect(run('Get-Mailbox', {}, large)).toHaveLength(1000);
    expect(run('Get-Mailbox', { ResultSize: 10 }, large)).toHaveLength(10);
    expect(run('Get-Mailbox', { ResultSize: 'Unlimited' }, large)).toHaveLength(
      large.exchange.mailboxes.length,
    );
  });

  it('answers copies: changing an answer does not change the tenant', () => {
    const [config] = run('Get-OrganizationConfig');
    if (config) config.AuditDisabled = true;
    expect(tenant.exchange.organizationConfig.AuditDisabled).toBe(false);
  });

  it('filters transport rules by State and lists audit bypass associations', () => {
    expect(run('Get-TransportRule', { State: 'Disabled' })).toEqual([]);
    const bypass = run('Get-MailboxAuditBypassAssociation', { ResultSize: 'Unlimited' });
    expect(bypass.filter((b) => b.AuditBypassEnabled === true).map((b) => b.Name)).toEqual(['NestorW']);
  });
});

describe('generateExchange', () => {
  it('is deterministic per seed and maps mailboxes to the given users', () => {
    const users = generateDirectory({ users: 300, seed: 'g', now: NOW }).users;
    const a = generateExchange({ seed: 'g', users });
    const b = generateExchange({ seed: 'g', users });
    expect(a).toEqual(b);
    const ids = new Set(users.map((u) => u.id));
    expect(a.mailboxes.every((m) => ids.has(m.ExternalDirectoryObjectId))).toBe(true);
    expect(a.auditBypassAssociations).toHaveLength(a.mailboxes.length);
    expect(generateExchange({ seed: 'other', users })).not.toEqual(a);
  });
});
