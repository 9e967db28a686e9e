// The demo tenant's Exchange Online: one mailbox per licensed member of the demo directory (each
// mailbox's ExternalDirectoryObjectId is that user's id, so the Graph side and the Exchange side
// describe the same people), two of them converted to shared mailboxes when their owners left.
// Planted for the demo to find (CIS): Diego Siciliani's converted shared mailbox still signs in
// (1.2.2; his Entra account is enabled, Lynne Robbins' is not), Customer Lockbox is off (1.3.6),
// two mailboxes keep Microsoft's default audit actions (6.1.2), an IT account bypasses mailbox
// audit logging (6.1.3), a mail flow rule redirects the CEO's mail (6.2.1), the Default Role
// Assignment Policy lets users install add-ins (6.3.1) and Direct Send is not rejected (6.5.5).
// Everything else is as CIS recommends.
import type {
  ExchangeData,
  ExoMailbox,
  ExoMailboxAuditBypassAssociation,
  ExoOwaMailboxPolicy,
  ExoRoleAssignmentPolicy,
  ExoSharingPolicy,
  RecipientTypeDetails,
} from '../exchange.js';
import { stableId } from './directory/ids.js';
import { demoUserSpecs } from './directory/users.js';
import { type DemoPerson, demoPeople } from './people.js';

export const EXCHANGE_ORGANIZATION = 'contoso.onmicrosoft.com';

/** Microsoft's default mailbox audit actions (audit-mailboxes, "actions enabled by default"). */
export const defaultAuditActions = {
  AuditAdmin: [
    'ApplyRecord',
    'Create',
    'HardDelete',
    'MailItemsAccessed',
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
    'HardDelete',
    'MailItemsAccessed',
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
    'HardDelete',
    'MailItemsAccessed',
    'MoveToDeletedItems',
    'Send',
    'SoftDelete',
    'Update',
    'UpdateCalendarDelegation',
    'UpdateFolderPermissions',
    'UpdateInboxRules',
  ],
} as const;

/** The sets an administrator configures for CIS 6.1.2: the defaults plus Copy, FolderBind, Move, MailboxLogin. */
export const extendedAuditActions = {
  AuditAdmin: [...defaultAuditActions.AuditAdmin, 'Copy', 'FolderBind', 'Move'],
  AuditDelegate: [...defaultAuditActions.AuditDelegate, 'FolderBind', 'Move'],
  AuditOwner: [...defaultAuditActions.AuditOwner, 'Create', 'MailboxLogin', 'Move'],
} as const;

/** The roles of the Default Role Assignment Policy as Exchange Online creates it. */
export const DEFAULT_ROLE_ASSIGNMENT_ROLES = [
  'MyContactInformation',
  'MyRetentionPolicies',
  'MyMailSubscriptions',
  'MyTextMessaging',
  'MyVoiceMail',
  'MyDistributionGroupMembership',
  'MyDistributionGroups',
  'MyProfileInformation',
  'My Custom Apps',
  'My Marketplace Apps',
  'My ReadWriteMailbox Apps',
  'MyBaseOptions',
] as const;

export const DEFAULT_ROLE_ASSIGNMENT_POLICY = 'Default Role Assignment Policy';
export const DEFAULT_OWA_POLICY = 'OwaMailboxPolicy-Default';
export const DEFAULT_SHARING_POLICY = 'Default Sharing Policy';

export interface MailboxOptions {
  type?: RecipientTypeDetails;
  /** Audit actions: Microsoft's defaults, or the extended sets CIS asks for. */
  audit?: 'default' | 'extended';
  auditEnabled?: boolean;
  roleAssignmentPolicy?: string;
}

/** A mailbox of a directory user, as Get-Mailbox writes it. */
export function mailboxOf(person: DemoPerson, options: MailboxOptions = {}): ExoMailbox {
  const alias = person.userPrincipalName.split('@')[0] ?? person.userPrincipalName;
  const audit = options.audit ?? 'extended';
  const actions = audit === 'default' ? defaultAuditActions : extendedAuditActions;
  return {
    Name: alias,
    Alias: alias,
    DisplayName: person.displayName,
    Identity: alias,
    Guid: stableId(`mailbox/${person.id}`),
    UserPrincipalName: person.userPrincipalName,
    PrimarySmtpAddress: person.userPrincipalName,
    ExternalDirectoryObjectId: person.id,
    RecipientType: 'UserMailbox',
    RecipientTypeDetails: options.type ?? 'UserMailbox',
    AuditEnabled: options.auditEnabled ?? true,
    AuditLogAgeLimit: '180.00:00:00',
    AuditAdmin: [...actions.AuditAdmin],
    AuditDelegate: [...actions.AuditDelegate],
    AuditOwner: [...actions.AuditOwner],
    DefaultAuditSet: audit === 'default' ? ['Admin', 'Delegate', 'Owner'] : [],
    RoleAssignmentPolicy: options.roleAssignmentPolicy ?? DEFAULT_ROLE_ASSIGNMENT_POLICY,
    SharingPolicy: DEFAULT_SHARING_POLICY,
    OwaMailboxPolicy: DEFAULT_OWA_POLICY,
  };
}

export function bypassOf(mailbox: ExoMailbox, enabled = false): ExoMailboxAuditBypassAssociation {
  return { Name: mailbox.Name, Identity: mailbox.Identity, AuditBypassEnabled: enabled };
}

export function roleAssignmentPolicy(
  name: string,
  roles: readonly string[],
  isDefault: boolean,
  description: string,
): ExoRoleAssignmentPolicy {
  return {
    Name: name,
    Identity: name,
    IsDefault: isDefault,
    Description: description,
    AssignedRoles: [...roles],
  };
}

export function owaPolicy(
  name: string,
  fields: Pick<ExoOwaMailboxPolicy, 'AdditionalStorageProvidersAvailable' | 'BookingsMailboxCreationEnabled'>,
  isDefault = false,
): ExoOwaMailboxPolicy {
  return { Name: name, Identity: name, IsDefault: isDefault, ...fields };
}

export function sharingPolicy(
  name: string,
  domains: string[],
  enabled: boolean,
  isDefault = false,
): ExoSharingPolicy {
  return { Name: name, Identity: name, Domains: domains, Enabled: enabled, Default: isDefault };
}

// Former employees whose mailboxes were converted to shared mailboxes: Lynne's account was
// disabled (sign-in blocked), Diego's was not.
const SHARED = new Set<string>([demoPeople.lynne.id, demoPeople.diego.id]);
// Mailboxes created before the audit settings were rolled out: still on Microsoft's defaults.
const DEFAULT_AUDIT = new Set<string>([demoPeople.adele.id, demoPeople.henrietta.id]);

function demoMailboxes(): ExoMailbox[] {
  return demoUserSpecs
    .filter((s) => s.licensed && s.userType === 'Member')
    .map((s) =>
      mailboxOf(s.person, {
        type: SHARED.has(s.person.id) ? 'SharedMailbox' : 'UserMailbox',
        audit: DEFAULT_AUDIT.has(s.person.id) ? 'default' : 'extended',
      }),
    );
}

/** The demo tenant's Exchange Online settings. */
export function demoExchange(_now: Date): ExchangeData {
  const mailboxes = demoMailboxes();
  return {
    organizationConfig: {
      Name: EXCHANGE_ORGANIZATION,
      Identity: EXCHANGE_ORGANIZATION,
      DisplayName: 'Contoso',
      AuditDisabled: false,
      CustomerLockBoxEnabled: false,
      BookingsEnabled: true,
      OAuth2ClientProfileEnabled: true,
      MailTipsAllTipsEnabled: true,
      MailTipsExternalRecipientsTipsEnabled: true,
      MailTipsGroupMetricsEnabled: true,
      MailTipsLargeAudienceThreshold: 25,
      MailTipsMailboxSourcedTipsEnabled: true,
      RejectDirectSend: false,
    },
    adminAuditLogConfig: {
      Name: 'Admin Audit Log Settings',
      Identity: 'Admin Audit Log Settings',
      AdminAuditLogEnabled: true,
      UnifiedAuditLogIngestionEnabled: true,
    },
    transportConfig: {
      Identity: EXCHANGE_ORGANIZATION,
      SmtpClientAuthenticationDisabled: true,
      MaxSendSize: '35 MB (36,700,160 bytes)',
      MaxReceiveSize: '36 MB (37,748,736 bytes)',
    },
    externalInOutlook: { Identity: EXCHANGE_ORGANIZATION, Enabled: true, AllowList: ['fabrikam.com'] },
    sharingPolicies: [
      sharingPolicy(
        DEFAULT_SHARING_POLICY,
        ['*:CalendarSharingFreeBusySimple', 'Anonymous:CalendarSharingFreeBusyReviewer'],
        false,
        true,
      ),
      // Contacts (not calendars) shared with the partner: not CIS 1.3.3's concern.
      sharingPolicy('Fabrikam partners', ['fabrikam.com:ContactsSharing'], true),
    ],
    owaMailboxPolicies: [
      owaPolicy(
        DEFAULT_OWA_POLICY,
        { AdditionalStorageProvidersAvailable: false, BookingsMailboxCreationEnabled: false },
        true,
      ),
      // Front desk staff publish shared booking pages: the select users CIS 1.3.9 allows.
      owaPolicy('Front desk bookings', {
        AdditionalStorageProvidersAvailable: false,
        BookingsMailboxCreationEnabled: true,
      }),
    ],
    roleAssignmentPolicies: [
      roleAssignmentPolicy(
        DEFAULT_ROLE_ASSIGNMENT_POLICY,
        DEFAULT_ROLE_ASSIGNMENT_ROLES,
        true,
        'This policy grants end users the permission to set their options in Outlook on the web and perform other self-administration tasks.',
      ),
    ],
    transportRules: [
      {
        Name: 'Copy executive mail to the assistant',
        Identity: 'Copy executive mail to the assistant',
        Guid: stableId('transport-rule/executive-redirect'),
        Priority: 0,
        State: 'Enabled',
        Mode: 'Enforce',
        SenderDomainIs: null,
        SetSCL: null,
        RedirectMessageTo: ['exec.assistant@outlook.com'],
      },
      {
        Name: 'Disclaimer on outbound mail',
        Identity: 'Disclaimer on outbound mail',
        Guid: stableId('transport-rule/disclaimer'),
        Priority: 1,
        State: 'Enabled',
        Mode: 'Enforce',
        SenderDomainIs: null,
        SetSCL: null,
        RedirectMessageTo: null,
      },
    ],
    mailboxes,
    auditBypassAssociations: mailboxes.map((m) =>
      bypassOf(m, m.ExternalDirectoryObjectId === demoPeople.nestor.id),
    ),
  };
}
