import type { ExoOrganizationConfig, Tenant } from '@m365-mcp/graph-sim';
import { demoPeople, extendedAuditActions } from '@m365-mcp/graph-sim';
import type { ControlScenario } from './scenario-row.js';

// CIS 1.2.2, 1.3.x, 3.1.1 and 6.x over Exchange Online's InvokeCommand API. The demo plants 1.2.2
// (Diego's converted shared mailbox can sign in), 1.3.6, 6.1.2 (Adele's and Henrietta's mailboxes on
// Microsoft's default audit actions), 6.1.3 (NestorW), 6.2.1 (a redirecting rule), 6.3.1 (the
// Default Role Assignment Policy's add-in roles) and 6.5.5; the rest pass as planted.

const org = (t: Tenant): ExoOrganizationConfig => t.exchange.organizationConfig;
const setOrg = (fields: Partial<ExoOrganizationConfig>) => (t: Tenant) => {
  Object.assign(org(t), fields);
};

function defaultOwaPolicy(t: Tenant) {
  const found = t.exchange.owaMailboxPolicies.find((p) => p.IsDefault);
  if (!found) throw new Error('The demo tenant has no default OWA mailbox policy');
  return found;
}

/** An offender's name in a list of evidence entries. */
const lists =
  (property: string, key: string, name: string) =>
  (evidence: unknown): boolean => {
    const entries = (evidence as Record<string, unknown>)[property];
    return Array.isArray(entries) && entries.some((e) => (e as Record<string, unknown>)[key] === name);
  };

/** One row per control evaluated over this service's admin API (see control-scenarios.ts). */
export const exchangeScenarios: ControlScenario[] = [
  {
    id: 'CIS.M365.1.2.2',
    failEvidence: {
      sharedMailboxes: 2,
      signInBlocked: 1,
      signInAllowed: [{ mailbox: demoPeople.diego.userPrincipalName, accountEnabled: true }],
    },
    pass: (t) => {
      const diego = t.directory.users.find((u) => u.id === demoPeople.diego.id);
      if (!diego) throw new Error('The demo tenant has no Diego');
      diego.accountEnabled = false;
    },
    passEvidence: { sharedMailboxes: 2, signInBlocked: 2, signInAllowed: [] },
  },
  {
    id: 'CIS.M365.1.3.3',
    fail: (t) => {
      const policy = t.exchange.sharingPolicies.find((p) => p.Default);
      if (!policy) throw new Error('The demo tenant has no default sharing policy');
      policy.Enabled = true;
    },
    failEvidence: {
      defaultPolicy: 'Default Sharing Policy',
      Enabled: true,
      enabledPoliciesSharingCalendars: ['Default Sharing Policy'],
    },
    passEvidence: {
      defaultPolicy: 'Default Sharing Policy',
      Enabled: false,
      enabledPoliciesSharingCalendars: [],
    },
  },
  {
    id: 'CIS.M365.1.3.6',
    failEvidence: { CustomerLockBoxEnabled: false, expected: true },
    pass: setOrg({ CustomerLockBoxEnabled: true }),
    passEvidence: { CustomerLockBoxEnabled: true },
  },
  {
    id: 'CIS.M365.1.3.9',
    fail: (t) => {
      defaultOwaPolicy(t).BookingsMailboxCreationEnabled = true;
    },
    failEvidence: {
      BookingsEnabled: true,
      defaultOwaMailboxPolicy: 'OwaMailboxPolicy-Default',
      BookingsMailboxCreationEnabled: true,
    },
    passEvidence: { BookingsEnabled: true, BookingsMailboxCreationEnabled: false },
  },
  {
    id: 'CIS.M365.3.1.1',
    fail: (t) => {
      t.exchange.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled = false;
    },
    failEvidence: { UnifiedAuditLogIngestionEnabled: false, expected: true },
    passEvidence: { UnifiedAuditLogIngestionEnabled: true },
  },
  {
    id: 'CIS.M365.6.1.1',
    fail: setOrg({ AuditDisabled: true }),
    failEvidence: { AuditDisabled: true, expected: false },
    passEvidence: { AuditDisabled: false },
  },
  {
    id: 'CIS.M365.6.1.2',
    failEvidence: (evidence) =>
      lists('mailboxes', 'mailbox', 'AdeleV@contoso.com')(evidence) &&
      lists('mailboxes', 'mailbox', 'HenriettaM@contoso.com')(evidence) &&
      (evidence as Record<string, unknown>).mailboxesNotAuditingRequiredActions === 2,
    pass: (t) => {
      for (const m of t.exchange.mailboxes) {
        m.AuditAdmin = [...extendedAuditActions.AuditAdmin];
        m.AuditDelegate = [...extendedAuditActions.AuditDelegate];
        m.AuditOwner = [...extendedAuditActions.AuditOwner];
      }
    },
    passEvidence: { mailboxesNotAuditingRequiredActions: 0, mailboxes: [] },
  },
  {
    id: 'CIS.M365.6.1.3',
    failEvidence: { AuditBypassEnabled: ['NestorW'], bypassingAccounts: 1 },
    pass: (t) => {
      for (const a of t.exchange.auditBypassAssociations) a.AuditBypassEnabled = false;
    },
    passEvidence: { AuditBypassEnabled: [], bypassingAccounts: 0 },
  },
  {
    id: 'CIS.M365.6.2.1',
    failEvidence: lists('rulesRedirecting', 'rule', 'Copy executive mail to the assistant'),
    pass: (t) => {
      t.exchange.transportRules = t.exchange.transportRules.filter((r) => r.RedirectMessageTo === null);
    },
    passEvidence: {
      rulesRedirecting: [],
      outboundSpamPolicies: [{ policy: 'Default', AutoForwardingMode: 'Off' }],
    },
  },
  {
    id: 'CIS.M365.6.2.2',
    fail: (t) => {
      t.exchange.transportRules.push({
        Name: 'Never junk mail from our printer vendor',
        Identity: 'Never junk mail from our printer vendor',
        Guid: '4f7c1c2a-8d3e-4b61-9a0f-2c5d7e9b1a34',
        Priority: 2,
        State: 'Enabled',
        Mode: 'Enforce',
        SenderDomainIs: ['printvendor.example'],
        SetSCL: -1,
        RedirectMessageTo: null,
      });
    },
    failEvidence: {
      rulesAllowingDomains: [
        {
          rule: 'Never junk mail from our printer vendor',
          SenderDomainIs: ['printvendor.example'],
          SetSCL: -1,
        },
      ],
    },
    passEvidence: { rulesAllowingDomains: [] },
  },
  {
    id: 'CIS.M365.6.2.3',
    fail: (t) => {
      t.exchange.externalInOutlook.Enabled = false;
    },
    failEvidence: { Enabled: false, expected: true },
    passEvidence: { Enabled: true },
  },
  {
    id: 'CIS.M365.6.3.1',
    failEvidence: {
      policiesAllowingAddIns: [
        {
          policy: 'Default Role Assignment Policy',
          AssignedRoles: ['My Custom Apps', 'My Marketplace Apps', 'My ReadWriteMailbox Apps'],
        },
      ],
    },
    pass: (t) => {
      for (const p of t.exchange.roleAssignmentPolicies) {
        p.AssignedRoles = p.AssignedRoles.filter((r) => !r.startsWith('My ') || !r.endsWith(' Apps'));
      }
    },
    passEvidence: { policiesInUse: ['Default Role Assignment Policy'], policiesAllowingAddIns: [] },
  },
  {
    id: 'CIS.M365.6.5.1',
    fail: setOrg({ OAuth2ClientProfileEnabled: false }),
    failEvidence: { OAuth2ClientProfileEnabled: false, expected: true },
    passEvidence: { OAuth2ClientProfileEnabled: true },
  },
  {
    id: 'CIS.M365.6.5.2',
    fail: setOrg({ MailTipsExternalRecipientsTipsEnabled: false, MailTipsLargeAudienceThreshold: 100 }),
    failEvidence: { MailTipsExternalRecipientsTipsEnabled: false, MailTipsLargeAudienceThreshold: 100 },
    passEvidence: {
      MailTipsAllTipsEnabled: true,
      MailTipsExternalRecipientsTipsEnabled: true,
      MailTipsGroupMetricsEnabled: true,
      MailTipsLargeAudienceThreshold: 25,
    },
  },
  {
    id: 'CIS.M365.6.5.3',
    fail: (t) => {
      defaultOwaPolicy(t).AdditionalStorageProvidersAvailable = true;
    },
    failEvidence: { AdditionalStorageProvidersAvailable: ['OwaMailboxPolicy-Default'], expected: false },
    passEvidence: { AdditionalStorageProvidersAvailable: [] },
  },
  {
    id: 'CIS.M365.6.5.4',
    fail: (t) => {
      t.exchange.transportConfig.SmtpClientAuthenticationDisabled = false;
    },
    failEvidence: { SmtpClientAuthenticationDisabled: false, expected: true },
    passEvidence: { SmtpClientAuthenticationDisabled: true },
  },
  {
    id: 'CIS.M365.6.5.5',
    failEvidence: { RejectDirectSend: false, expected: true },
    pass: setOrg({ RejectDirectSend: true }),
    passEvidence: { RejectDirectSend: true },
  },
];
