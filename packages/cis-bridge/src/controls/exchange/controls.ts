// CIS 1.2.2, 1.3.x, 3.1.1 and 6.x: Exchange Online settings, read once a run through the InvokeCommand
// admin API with the cmdlets of CIS's audit procedures. Where CIS reads every policy, rule or
// mailbox, so does the control, and the finding names the offenders (or the one offender as its
// resource). 6.2.1 also reads the outbound spam policies, a Defender resource (defender/resources.ts).
import type { FindingSeverity } from '@m365-mcp/graph-core';
import { cisServiceControl } from '../cis-service-control.js';
import type { ResourceKey } from '../resources.js';
import { type Control, cisa, type EvaluationContext, type Outcome } from '../types.js';
import { items, type Json, str } from '../values.js';
import {
  EVIDENCE_LIST_LIMIT,
  exoBooleanIs,
  exoObject,
  exoRows,
  listed,
  mailboxesOfType,
  nameOf,
  requiredBoolean,
  values,
} from './settings.js';

interface ExchangeControlSpec {
  id: string;
  severity: FindingSeverity;
  resources: ResourceKey[];
  scuba?: string;
  remediation: string;
  evaluate: (ctx: EvaluationContext) => Outcome;
}

function exchangeControl(spec: ExchangeControlSpec): Control {
  return cisServiceControl(spec.id, {
    severity: spec.severity,
    references: spec.scuba ? [cisa(spec.scuba)] : [],
    resources: spec.resources,
    remediation: spec.remediation,
    evaluate: spec.evaluate,
  });
}

/** The one offender as the finding's resource, when there is exactly one. */
function oneOffender(type: string, offenders: readonly Json[]): Outcome['resource'] {
  const [only, ...more] = offenders;
  if (!only || more.length > 0) return undefined;
  const id = str(only.Guid) ?? str(only.Identity) ?? nameOf(only);
  return { type, id, displayName: nameOf(only) };
}

/** CIS 1.2.2: every shared mailbox's Entra account is disabled (accountEnabled false). */
function sharedMailboxSignIn(ctx: EvaluationContext): Outcome {
  const mailboxes = mailboxesOfType(ctx, 'SharedMailbox');
  const users = new Map(items(ctx.get('users')).map((u) => [str(u.id)?.toLowerCase(), u]));
  const enabled: Json[] = [];
  const unknown: Json[] = [];
  let blocked = 0;
  for (const mailbox of mailboxes) {
    const accountId = str(mailbox.ExternalDirectoryObjectId);
    const user = accountId ? users.get(accountId.toLowerCase()) : undefined;
    if (!user || typeof user.accountEnabled !== 'boolean') unknown.push(mailbox);
    else if (user.accountEnabled) enabled.push({ ...mailbox, userPrincipalName: user.userPrincipalName });
    else blocked += 1;
  }
  const evidence = {
    sharedMailboxes: mailboxes.length,
    signInBlocked: blocked,
    signInAllowed: listed(
      enabled.map((m) => ({
        mailbox: str(m.PrimarySmtpAddress) ?? nameOf(m),
        ExternalDirectoryObjectId: str(m.ExternalDirectoryObjectId) ?? null,
        accountEnabled: true,
      })),
    ),
    accountNotFound: listed(unknown.map((m) => str(m.PrimarySmtpAddress) ?? nameOf(m))),
  };
  if (enabled.length > 0) {
    return { status: 'fail', evidence, resource: oneOffender('sharedMailbox', enabled) };
  }
  // A mailbox whose account Graph did not return cannot be judged either way.
  return { status: unknown.length > 0 ? 'warning' : 'pass', evidence };
}

/** A sharing policy entry (`domain:action,...`) that shares calendars (any CalendarSharing* action). */
function sharesCalendars(domain: string): boolean {
  const actions = domain.slice(domain.indexOf(':') + 1);
  return /calendarsharing/i.test(actions);
}

/**
 * CIS 1.3.3: as its audit reads it, every sharing policy whose Domains share calendars is disabled
 * (the Default Sharing Policy first among them); a policy sharing only contacts is not its concern.
 */
function calendarSharing(ctx: EvaluationContext): Outcome {
  const policies = exoRows(ctx, 'sharingPolicies');
  const defaultPolicy =
    policies.find((p) => p.Default === true) ?? policies.find((p) => p.Name === 'Default Sharing Policy');
  if (!defaultPolicy) throw new Error('Get-SharingPolicy returned no default sharing policy.');
  const defaultEnabled = requiredBoolean(defaultPolicy, 'sharingPolicies', 'Enabled');
  const sharing = policies.filter((p) => values(p, 'Domains').some(sharesCalendars));
  const offenders = sharing.filter((p) => requiredBoolean(p, 'sharingPolicies', 'Enabled'));
  return {
    status: offenders.length === 0 ? 'pass' : 'fail',
    evidence: {
      defaultPolicy: nameOf(defaultPolicy),
      Enabled: defaultEnabled,
      expected: false,
      policiesSharingCalendars: sharing.map((p) => ({
        policy: nameOf(p),
        Enabled: p.Enabled === true,
        Domains: values(p, 'Domains'),
      })),
      enabledPoliciesSharingCalendars: offenders.map(nameOf),
    },
    resource: oneOffender('sharingPolicy', offenders),
  };
}

/** CIS 1.3.9: Bookings off for the organisation, or the default OWA policy cannot create Bookings mailboxes. */
function sharedBookings(ctx: EvaluationContext): Outcome {
  const bookingsEnabled = requiredBoolean(
    exoObject(ctx, 'organizationConfig'),
    'organizationConfig',
    'BookingsEnabled',
  );
  const policies = exoRows(ctx, 'owaMailboxPolicies');
  const defaultPolicy = policies.find((p) => p.IsDefault === true);
  if (!defaultPolicy) throw new Error('Get-OwaMailboxPolicy returned no default policy (IsDefault).');
  const creation = requiredBoolean(defaultPolicy, 'owaMailboxPolicies', 'BookingsMailboxCreationEnabled');
  return {
    status: !bookingsEnabled || !creation ? 'pass' : 'fail',
    evidence: {
      BookingsEnabled: bookingsEnabled,
      defaultOwaMailboxPolicy: nameOf(defaultPolicy),
      BookingsMailboxCreationEnabled: creation,
      expected: 'BookingsEnabled false, or BookingsMailboxCreationEnabled false on the default policy',
      // Other policies may allow it for the select users CIS permits: named, not judged.
      otherPoliciesAllowingBookings: policies
        .filter((p) => p !== defaultPolicy && p.BookingsMailboxCreationEnabled === true)
        .map(nameOf),
    },
    resource: bookingsEnabled && creation ? oneOffender('owaMailboxPolicy', [defaultPolicy]) : undefined,
  };
}

/** The audit actions CIS 6.1.2 requires on every user mailbox, per logon type. */
export const requiredAuditActions = {
  AuditAdmin: [
    'ApplyRecord',
    'Copy',
    'Create',
    'FolderBind',
    'HardDelete',
    'MailItemsAccessed',
    'Move',
    'MoveToDeletedItems',
    'Send',
    'SendAs',
    'SendOnBehalf',
    'SoftDelete',
    'Update',
    'UpdateCalendarDelegation',
    'UpdateFolderPermissions',
    'UpdateInboxRules',
  ],
  AuditDelegate: [
    'ApplyRecord',
    'Create',
    'FolderBind',
    'HardDelete',
    'MailItemsAccessed',
    'Move',
    'MoveToDeletedItems',
    'SendAs',
    'SendOnBehalf',
    'SoftDelete',
    'Update',
    'UpdateFolderPermissions',
    'UpdateInboxRules',
  ],
  AuditOwner: [
    'ApplyRecord',
    'Create',
    'HardDelete',
    'MailboxLogin',
    'MailItemsAccessed',
    'Move',
    'MoveToDeletedItems',
    'Send',
    'SoftDelete',
    'Update',
    'UpdateCalendarDelegation',
    'UpdateFolderPermissions',
    'UpdateInboxRules',
  ],
} as const;

/** CIS 6.1.2: every user mailbox audits, with at least the required actions. */
function mailboxAuditActions(ctx: EvaluationContext): Outcome {
  const mailboxes = mailboxesOfType(ctx, 'UserMailbox');
  const offenders: Json[] = [];
  const details: Json[] = [];
  for (const mailbox of mailboxes) {
    const auditEnabled = requiredBoolean(mailbox, 'mailboxes', 'AuditEnabled');
    const missing: Json = {};
    for (const [property, required] of Object.entries(requiredAuditActions)) {
      const configured = new Set(values(mailbox, property).map((a) => a.toLowerCase()));
      const absent = required.filter((a) => !configured.has(a.toLowerCase()));
      if (absent.length > 0) missing[property] = absent;
    }
    if (auditEnabled && Object.keys(missing).length === 0) continue;
    offenders.push(mailbox);
    details.push({
      mailbox: str(mailbox.UserPrincipalName) ?? nameOf(mailbox),
      AuditEnabled: auditEnabled,
      missing,
    });
  }
  return {
    status: offenders.length === 0 ? 'pass' : 'fail',
    evidence: {
      userMailboxes: mailboxes.length,
      mailboxesNotAuditingRequiredActions: offenders.length,
      mailboxes: listed(details),
      listedUpTo: EVIDENCE_LIST_LIMIT,
    },
    resource: oneOffender('mailbox', offenders),
  };
}

/** CIS 6.1.3: no account bypasses mailbox audit logging. */
function auditBypass(ctx: EvaluationContext): Outcome {
  const associations = exoRows(ctx, 'mailboxAuditBypassAssociations');
  const bypassing = associations.filter((a) => a.AuditBypassEnabled === true);
  return {
    status: bypassing.length === 0 ? 'pass' : 'fail',
    evidence: {
      accountsChecked: associations.length,
      AuditBypassEnabled: listed(bypassing.map(nameOf)),
      bypassingAccounts: bypassing.length,
    },
    resource: oneOffender('mailboxAuditBypassAssociation', bypassing),
  };
}

/**
 * The preset security policies (RecommendedPolicyType Standard or Strict): Microsoft sets their
 * AutoForwardingMode (Automatic, forwarding blocked) and admins cannot change it, so CIS's "the
 * default policy and any custom policy" leaves them out.
 */
function isPreset(policy: Json): boolean {
  return policy.RecommendedPolicyType === 'Standard' || policy.RecommendedPolicyType === 'Strict';
}

/** CIS 6.2.1: no transport rule redirects mail, and the default and custom outbound spam policies turn automatic forwarding Off. */
function mailForwarding(ctx: EvaluationContext): Outcome {
  const redirects = exoRows(ctx, 'transportRules').filter((r) => values(r, 'RedirectMessageTo').length > 0);
  const all = items(ctx.get('hostedOutboundSpamFilterPolicies'));
  const policies = all.filter((p) => !isPreset(p));
  if (policies.length === 0)
    throw new Error('Get-HostedOutboundSpamFilterPolicy returned no default or custom policy.');
  for (const p of policies) {
    if (typeof p.AutoForwardingMode !== 'string')
      throw new Error(`Get-HostedOutboundSpamFilterPolicy gave no AutoForwardingMode for ${nameOf(p)}.`);
  }
  const forwarding = policies.filter((p) => p.AutoForwardingMode !== 'Off');
  return {
    status: redirects.length === 0 && forwarding.length === 0 ? 'pass' : 'fail',
    evidence: {
      rulesRedirecting: redirects.map((r) => ({
        rule: nameOf(r),
        RedirectMessageTo: values(r, 'RedirectMessageTo'),
        State: str(r.State) ?? null,
      })),
      outboundSpamPolicies: policies.map((p) => ({
        policy: nameOf(p),
        AutoForwardingMode: str(p.AutoForwardingMode) ?? null,
      })),
      presetPoliciesNotJudged: all.filter(isPreset).map(nameOf),
      expected: 'no RedirectMessageTo; AutoForwardingMode Off in the default and every custom policy',
    },
  };
}

/** CIS 6.2.2: no transport rule bypasses spam filtering (SetSCL -1) for sender domains. */
function domainWhitelisting(ctx: EvaluationContext): Outcome {
  const rules = exoRows(ctx, 'transportRules');
  const allowing = rules.filter((r) => r.SetSCL === -1 && values(r, 'SenderDomainIs').length > 0);
  return {
    status: allowing.length === 0 ? 'pass' : 'fail',
    evidence: {
      transportRules: rules.length,
      rulesAllowingDomains: allowing.map((r) => ({
        rule: nameOf(r),
        SenderDomainIs: values(r, 'SenderDomainIs'),
        SetSCL: -1,
        State: str(r.State) ?? null,
      })),
    },
    resource: oneOffender('transportRule', allowing),
  };
}

const ADD_IN_ROLES = ['My Custom Apps', 'My Marketplace Apps', 'My ReadWriteMailbox Apps'];

/** CIS 6.3.1: no role assignment policy in use lets users install Outlook add-ins. */
function outlookAddIns(ctx: EvaluationContext): Outcome {
  const inUse = new Set(
    mailboxesOfType(ctx, 'UserMailbox')
      .map((m) => str(m.RoleAssignmentPolicy)?.toLowerCase())
      .filter((n): n is string => n !== undefined),
  );
  const policies = exoRows(ctx, 'roleAssignmentPolicies').filter((p) => inUse.has(nameOf(p).toLowerCase()));
  const allowing = policies
    .map((p) => ({ policy: p, roles: values(p, 'AssignedRoles').filter((r) => ADD_IN_ROLES.includes(r)) }))
    .filter((entry) => entry.roles.length > 0);
  return {
    status: allowing.length === 0 ? 'pass' : 'fail',
    evidence: {
      policiesInUse: policies.map(nameOf),
      policiesAllowingAddIns: allowing.map((a) => ({ policy: nameOf(a.policy), AssignedRoles: a.roles })),
      notExpected: ADD_IN_ROLES,
    },
    resource: oneOffender(
      'roleAssignmentPolicy',
      allowing.map((a) => a.policy),
    ),
  };
}

/** The MailTips threshold CIS names (Exchange's default): a larger one warns later. */
const LARGE_AUDIENCE = 25;

/** CIS 6.5.2: all MailTips on, external recipient and group metrics tips on, a large audience of 25 or fewer. */
function mailTips(ctx: EvaluationContext): Outcome {
  const config = exoObject(ctx, 'organizationConfig');
  const flags = [
    'MailTipsAllTipsEnabled',
    'MailTipsExternalRecipientsTipsEnabled',
    'MailTipsGroupMetricsEnabled',
  ];
  const evidence: Record<string, boolean | number | string> = {};
  let ok = true;
  for (const flag of flags) {
    const value = requiredBoolean(config, 'organizationConfig', flag);
    evidence[flag] = value;
    ok &&= value;
  }
  const threshold = config.MailTipsLargeAudienceThreshold;
  if (typeof threshold !== 'number') {
    throw new Error('Get-OrganizationConfig gave no number for MailTipsLargeAudienceThreshold.');
  }
  evidence.MailTipsLargeAudienceThreshold = threshold;
  evidence.expected = `the three flags true, MailTipsLargeAudienceThreshold ${LARGE_AUDIENCE} or less`;
  return { status: ok && threshold <= LARGE_AUDIENCE ? 'pass' : 'fail', evidence };
}

/** CIS 6.5.3: no Outlook on the web policy offers additional storage providers. */
function storageProviders(ctx: EvaluationContext): Outcome {
  const policies = exoRows(ctx, 'owaMailboxPolicies');
  const offering = policies.filter((p) =>
    requiredBoolean(p, 'owaMailboxPolicies', 'AdditionalStorageProvidersAvailable'),
  );
  return {
    status: offering.length === 0 ? 'pass' : 'fail',
    evidence: {
      owaMailboxPolicies: policies.map(nameOf),
      AdditionalStorageProvidersAvailable: offering.map(nameOf),
      expected: false,
    },
    resource: oneOffender('owaMailboxPolicy', offering),
  };
}

export const exchangeControls: Control[] = [
  exchangeControl({
    id: '1.2.2',
    severity: 'medium',
    resources: ['mailboxes', 'users'],
    remediation:
      'Block sign-in for each shared mailbox account: Entra admin center > Users > the mailbox account > Block sign-in (Update-MgUser -UserId <ExternalDirectoryObjectId> -AccountEnabled:$false).',
    evaluate: sharedMailboxSignIn,
  }),
  exchangeControl({
    id: '1.3.3',
    severity: 'medium',
    resources: ['sharingPolicies'],
    scuba: 'MS.EXO.6.2v1',
    remediation:
      "Turn off external calendar sharing: Set-SharingPolicy -Identity 'Default Sharing Policy' -Enabled $false (Microsoft 365 admin center > Settings > Org settings > Calendar), and disable (or remove calendar sharing from) every other listed policy that shares calendars.",
    evaluate: calendarSharing,
  }),
  exchangeControl({
    id: '1.3.6',
    severity: 'medium',
    resources: ['organizationConfig'],
    remediation:
      'Turn on Customer Lockbox: Set-OrganizationConfig -CustomerLockBoxEnabled $true (Microsoft 365 admin center > Settings > Org settings > Security & privacy > Customer lockbox). Needs an E5 (or Customer Lockbox) licence.',
    evaluate: exoBooleanIs('organizationConfig', 'CustomerLockBoxEnabled', true),
  }),
  exchangeControl({
    id: '1.3.9',
    severity: 'medium',
    resources: ['organizationConfig', 'owaMailboxPolicies'],
    remediation:
      "Restrict shared Bookings pages: Set-OwaMailboxPolicy 'OwaMailboxPolicy-Default' -BookingsMailboxCreationEnabled $false, and allow it only in a policy assigned to the users who need it (or Set-OrganizationConfig -BookingsEnabled $false).",
    evaluate: sharedBookings,
  }),
  exchangeControl({
    id: '3.1.1',
    severity: 'high',
    resources: ['adminAuditLogConfig'],
    scuba: 'MS.EXO.17.1v1',
    remediation:
      'Turn on audit log search: Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true (Microsoft Purview portal > Audit > Start recording user and admin activity).',
    evaluate: exoBooleanIs('adminAuditLogConfig', 'UnifiedAuditLogIngestionEnabled', true),
  }),
  exchangeControl({
    id: '6.1.1',
    severity: 'high',
    resources: ['organizationConfig'],
    scuba: 'MS.EXO.13.1v1',
    remediation:
      'Turn mailbox auditing on for the organisation: Set-OrganizationConfig -AuditDisabled $false.',
    evaluate: exoBooleanIs('organizationConfig', 'AuditDisabled', false),
  }),
  exchangeControl({
    id: '6.1.2',
    severity: 'medium',
    resources: ['mailboxes'],
    remediation:
      'For each listed mailbox: Set-Mailbox -Identity <mailbox> -AuditEnabled $true -AuditAdmin @{Add=...} -AuditDelegate @{Add=...} -AuditOwner @{Add=...} with the missing actions the finding names.',
    evaluate: mailboxAuditActions,
  }),
  exchangeControl({
    id: '6.1.3',
    severity: 'high',
    resources: ['mailboxAuditBypassAssociations'],
    remediation:
      'For each listed account: Set-MailboxAuditBypassAssociation -Identity <account> -AuditBypassEnabled $false.',
    evaluate: auditBypass,
  }),
  exchangeControl({
    id: '6.2.1',
    severity: 'high',
    resources: ['transportRules', 'hostedOutboundSpamFilterPolicies'],
    remediation:
      'Remove the redirect from each listed mail flow rule (Exchange admin center > Mail flow > Rules; Remove-TransportRule or Set-TransportRule), and set Set-HostedOutboundSpamFilterPolicy -Identity <policy> -AutoForwardingMode Off on the default and every custom outbound spam policy.',
    evaluate: mailForwarding,
  }),
  exchangeControl({
    id: '6.2.2',
    severity: 'medium',
    resources: ['transportRules'],
    remediation:
      'Remove the sender-domain spam bypass (SetSCL -1) from each listed mail flow rule: Remove-TransportRule -Identity <rule>, or use the Tenant Allow/Block List for a specific need.',
    evaluate: domainWhitelisting,
  }),
  exchangeControl({
    id: '6.2.3',
    severity: 'medium',
    resources: ['externalInOutlook'],
    scuba: 'MS.EXO.7.1v1',
    remediation: 'Tag mail from external senders: Set-ExternalInOutlook -Enabled $true.',
    evaluate: exoBooleanIs('externalInOutlook', 'Enabled', true),
  }),
  exchangeControl({
    id: '6.3.1',
    severity: 'medium',
    resources: ['roleAssignmentPolicies', 'mailboxes'],
    remediation:
      "Remove 'My Custom Apps', 'My Marketplace Apps' and 'My ReadWriteMailbox Apps' from each listed role assignment policy (Exchange admin center > Roles > User roles; Remove-ManagementRoleAssignment), or assign mailboxes a policy without them.",
    evaluate: outlookAddIns,
  }),
  exchangeControl({
    id: '6.5.1',
    severity: 'high',
    resources: ['organizationConfig'],
    remediation:
      'Turn on modern authentication for Outlook: Set-OrganizationConfig -OAuth2ClientProfileEnabled $true.',
    evaluate: exoBooleanIs('organizationConfig', 'OAuth2ClientProfileEnabled', true),
  }),
  exchangeControl({
    id: '6.5.2',
    severity: 'low',
    resources: ['organizationConfig'],
    remediation:
      'Set-OrganizationConfig -MailTipsAllTipsEnabled $true -MailTipsExternalRecipientsTipsEnabled $true -MailTipsGroupMetricsEnabled $true -MailTipsLargeAudienceThreshold 25.',
    evaluate: mailTips,
  }),
  exchangeControl({
    id: '6.5.3',
    severity: 'medium',
    resources: ['owaMailboxPolicies'],
    remediation:
      'For each listed policy: Set-OwaMailboxPolicy -Identity <policy> -AdditionalStorageProvidersAvailable $false.',
    evaluate: storageProviders,
  }),
  exchangeControl({
    id: '6.5.4',
    severity: 'high',
    resources: ['transportConfig'],
    scuba: 'MS.EXO.5.1v1',
    remediation:
      'Turn off SMTP AUTH for the organisation: Set-TransportConfig -SmtpClientAuthenticationDisabled $true (enable it per mailbox only where a device needs it).',
    evaluate: exoBooleanIs('transportConfig', 'SmtpClientAuthenticationDisabled', true),
  }),
  exchangeControl({
    id: '6.5.5',
    severity: 'medium',
    resources: ['organizationConfig'],
    remediation:
      'Reject Direct Send: Set-OrganizationConfig -RejectDirectSend $true (first give devices and services that send as your domains an inbound connector).',
    evaluate: exoBooleanIs('organizationConfig', 'RejectDirectSend', true),
  }),
];
