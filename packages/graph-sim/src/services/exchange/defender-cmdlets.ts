import type { GraphUser } from '../../tenant/directory.js';
import type { Tenant } from '../../tenant/model.js';
import {
  bindParameters,
  listCmdlet,
  parameter,
  selectByIdentity,
  singletonCmdlet,
} from '../compliance/cmdlet-parameters.js';
import type { CmdletHandler, CmdletTable } from '../service-handler.js';

// Defender for Office 365 and Exchange Online Protection policies, served by Exchange Online: each
// cmdlet writes the tenant's objects as Microsoft's Exchange cmdlet reference shows them.

/** A directory user as Get-User writes it (the properties the audit reads). */
function exchangeUser(user: GraphUser): Record<string, unknown> {
  const alias = user.userPrincipalName.split('@')[0] ?? user.userPrincipalName;
  return {
    Identity: alias,
    Name: alias,
    DisplayName: user.displayName,
    UserPrincipalName: user.userPrincipalName,
    WindowsEmailAddress: user.mail ?? user.userPrincipalName,
    ExternalDirectoryObjectId: user.id,
    RecipientType: user.userType === 'Guest' ? 'MailUser' : 'UserMailbox',
    RecipientTypeDetails: user.userType === 'Guest' ? 'GuestMailUser' : 'UserMailbox',
    AccountDisabled: !user.accountEnabled,
  };
}

/** Get-User: the directory's users; -IsVIP keeps the priority accounts only. */
const getUser: CmdletHandler = (tenant: Tenant, parameters) => {
  bindParameters('Get-User', parameters, { Identity: 'string', IsVIP: 'switch', ResultSize: 'resultSize' });
  const vips = new Set(tenant.defender.priorityAccountIds);
  const vipOnly = parameter(parameters, 'IsVIP') === true;
  const users = tenant.directory.users.filter((u) => !vipOnly || vips.has(u.id)).map(exchangeUser);
  const rows = selectByIdentity(users, parameters);
  const size = parameter(parameters, 'ResultSize');
  return typeof size === 'number' ? rows.slice(0, size) : rows;
};

export const defenderCmdlets: CmdletTable = {
  'Get-MalwareFilterPolicy': listCmdlet('Get-MalwareFilterPolicy', (t) => t.defender.malwareFilterPolicies),
  'Get-MalwareFilterRule': listCmdlet('Get-MalwareFilterRule', (t) => t.defender.malwareFilterRules, {
    state: true,
  }),
  'Get-AtpPolicyForO365': singletonCmdlet('Get-AtpPolicyForO365', (t) => t.defender.atpPolicyForO365),
  'Get-SafeLinksPolicy': listCmdlet('Get-SafeLinksPolicy', (t) => t.defender.safeLinksPolicies),
  'Get-SafeLinksRule': listCmdlet('Get-SafeLinksRule', (t) => t.defender.safeLinksRules, { state: true }),
  'Get-SafeAttachmentPolicy': listCmdlet(
    'Get-SafeAttachmentPolicy',
    (t) => t.defender.safeAttachmentPolicies,
  ),
  'Get-SafeAttachmentRule': listCmdlet('Get-SafeAttachmentRule', (t) => t.defender.safeAttachmentRules, {
    state: true,
  }),
  'Get-HostedOutboundSpamFilterPolicy': listCmdlet(
    'Get-HostedOutboundSpamFilterPolicy',
    (t) => t.defender.hostedOutboundSpamFilterPolicies,
  ),
  'Get-AntiPhishPolicy': listCmdlet('Get-AntiPhishPolicy', (t) => t.defender.antiPhishPolicies),
  'Get-AntiPhishRule': listCmdlet('Get-AntiPhishRule', (t) => t.defender.antiPhishRules, { state: true }),
  'Get-HostedConnectionFilterPolicy': listCmdlet(
    'Get-HostedConnectionFilterPolicy',
    (t) => t.defender.hostedConnectionFilterPolicies,
  ),
  'Get-HostedContentFilterPolicy': listCmdlet(
    'Get-HostedContentFilterPolicy',
    (t) => t.defender.hostedContentFilterPolicies,
  ),
  'Get-EmailTenantSettings': singletonCmdlet(
    'Get-EmailTenantSettings',
    (t) => t.defender.emailTenantSettings,
  ),
  'Get-User': getUser,
  'Get-EOPProtectionPolicyRule': listCmdlet(
    'Get-EOPProtectionPolicyRule',
    (t) => t.defender.eopProtectionPolicyRules,
    { state: true },
  ),
  'Get-ATPProtectionPolicyRule': listCmdlet(
    'Get-ATPProtectionPolicyRule',
    (t) => t.defender.atpProtectionPolicyRules,
    { state: true },
  ),
  'Get-TeamsProtectionPolicy': singletonCmdlet(
    'Get-TeamsProtectionPolicy',
    (t) => t.defender.teamsProtectionPolicy,
  ),
  'Get-ReportSubmissionPolicy': singletonCmdlet(
    'Get-ReportSubmissionPolicy',
    (t) => t.defender.reportSubmissionPolicy,
  ),
};
