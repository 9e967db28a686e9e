import type { ExoMailbox, RecipientTypeDetails } from '../../tenant/exchange.js';
import type { Tenant } from '../../tenant/model.js';
import {
  CmdletError,
  type CmdletHandler,
  type CmdletParameters,
  type CmdletTable,
} from '../service-handler.js';

// Exchange Online read cmdlets (organisation, transport, mailboxes, audit, sharing). Each accepts
// the parameters of Microsoft's cmdlet reference that the simulator implements; any other is
// refused as PowerShell refuses an unknown one, so a caller never believes a filter was applied
// when it was not. An Identity that matches nothing is the cmdlet's not-found error.

type Row = Record<string, unknown>;

const RECIPIENT_TYPES: readonly RecipientTypeDetails[] = [
  'UserMailbox',
  'SharedMailbox',
  'RoomMailbox',
  'EquipmentMailbox',
];

/** The directory server Exchange Online names in its not-found errors. */
const DOMAIN_CONTROLLER = 'SN1PR00A001DC01.NAMPR00A001.PROD.OUTLOOK.COM';

/** Get-Mailbox and its kin return 1000 objects unless ResultSize says otherwise. */
const DEFAULT_RESULT_SIZE = 1000;

function accept(cmdlet: string, parameters: CmdletParameters, allowed: readonly string[]): void {
  for (const name of Object.keys(parameters)) {
    if (!allowed.some((a) => a.toLowerCase() === name.toLowerCase())) {
      throw new CmdletError(
        'ParameterBindingException',
        `${cmdlet}: a parameter cannot be found that matches parameter name '${name}'.`,
      );
    }
  }
}

/** A parameter by name, case-insensitively (PowerShell parameter names are). */
function param(parameters: CmdletParameters, name: string): unknown {
  const key = Object.keys(parameters).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : parameters[key];
}

function identityOf(cmdlet: string, parameters: CmdletParameters): string | undefined {
  const value = param(parameters, 'Identity');
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CmdletError(
      'ParameterBindingException',
      `${cmdlet}: cannot bind parameter 'Identity': expected a non-empty string.`,
    );
  }
  return value;
}

function notFound(identity: string): CmdletError {
  return new CmdletError(
    'ManagementObjectNotFoundException',
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${DOMAIN_CONTROLLER}'.`,
  );
}

/** Rows whose identifying properties include `identity` (case-insensitive); not-found when none. */
function byIdentity<T extends object>(
  rows: readonly T[],
  identity: string | undefined,
  keys: readonly string[],
): T[] {
  if (identity === undefined) return [...rows];
  const wanted = identity.toLowerCase();
  const found = rows.filter((row) =>
    keys.some((k) => {
      const value = (row as Row)[k];
      return typeof value === 'string' && value.toLowerCase() === wanted;
    }),
  );
  if (found.length === 0) throw notFound(identity);
  return found;
}

/** What the cmdlet writes: copies, so that no caller can change the tenant through an answer. */
function output(rows: readonly object[]): Row[] {
  return rows.map((row) => structuredClone(row) as Row);
}

function resultSize(cmdlet: string, parameters: CmdletParameters): number {
  const value = param(parameters, 'ResultSize');
  if (value === undefined) return DEFAULT_RESULT_SIZE;
  if (typeof value === 'string' && value.toLowerCase() === 'unlimited') return Number.POSITIVE_INFINITY;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n > 0) return n;
  throw new CmdletError(
    'ParameterBindingException',
    `${cmdlet}: cannot bind parameter 'ResultSize': '${String(value)}' is not 'Unlimited' or a positive whole number.`,
  );
}

function recipientTypes(parameters: CmdletParameters): Set<string> | undefined {
  const value = param(parameters, 'RecipientTypeDetails');
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  const types = new Set<string>();
  for (const item of list) {
    const name = typeof item === 'string' ? item.trim() : '';
    const known = RECIPIENT_TYPES.find((t) => t.toLowerCase() === name.toLowerCase());
    if (!known) {
      throw new CmdletError(
        'ParameterBindingException',
        `Get-Mailbox: cannot bind parameter 'RecipientTypeDetails': '${String(item)}' is not one of ${RECIPIENT_TYPES.join(', ')}.`,
      );
    }
    types.add(known);
  }
  return types;
}

const MAILBOX_KEYS = [
  'Identity',
  'Name',
  'Alias',
  'DisplayName',
  'UserPrincipalName',
  'PrimarySmtpAddress',
  'Guid',
  'ExternalDirectoryObjectId',
] as const;

/** A singleton settings object: the cmdlet takes an optional Identity, the organisation's. */
function singleton(
  cmdlet: string,
  read: (t: Tenant) => object,
  extra: readonly string[] = [],
): CmdletHandler {
  return (tenant, parameters) => {
    accept(cmdlet, parameters, ['Identity', ...extra]);
    return output(byIdentity([read(tenant)], identityOf(cmdlet, parameters), ['Identity', 'Name']));
  };
}

/** A list of named policies or rules, narrowed by an optional Identity. */
function named(
  cmdlet: string,
  read: (t: Tenant) => readonly object[],
  extra: readonly string[] = [],
): CmdletHandler {
  return (tenant, parameters) => {
    accept(cmdlet, parameters, ['Identity', ...extra]);
    return output(byIdentity(read(tenant), identityOf(cmdlet, parameters), ['Identity', 'Name', 'Guid']));
  };
}

const getMailbox: CmdletHandler = (tenant, parameters) => {
  accept('Get-Mailbox', parameters, ['Identity', 'RecipientTypeDetails', 'ResultSize']);
  const types = recipientTypes(parameters);
  const size = resultSize('Get-Mailbox', parameters);
  const matching: ExoMailbox[] = byIdentity(
    tenant.exchange.mailboxes,
    identityOf('Get-Mailbox', parameters),
    MAILBOX_KEYS,
  ).filter((m) => types === undefined || types.has(m.RecipientTypeDetails));
  return output(matching.slice(0, size));
};

const getTransportRule: CmdletHandler = (tenant, parameters) => {
  accept('Get-TransportRule', parameters, ['Identity', 'State', 'ResultSize']);
  const state = param(parameters, 'State');
  if (state !== undefined && state !== 'Enabled' && state !== 'Disabled') {
    // PowerShell binds the RuleState enum by name.
    throw new CmdletError(
      'ParameterBindingException',
      `Get-TransportRule: cannot bind parameter 'State': '${String(state)}' is not Enabled or Disabled.`,
    );
  }
  const size = resultSize('Get-TransportRule', parameters);
  const rules = byIdentity(tenant.exchange.transportRules, identityOf('Get-TransportRule', parameters), [
    'Identity',
    'Name',
    'Guid',
  ]);
  return output(rules.filter((r) => state === undefined || r.State === state).slice(0, size));
};

const getMailboxAuditBypassAssociation: CmdletHandler = (tenant, parameters) => {
  accept('Get-MailboxAuditBypassAssociation', parameters, ['Identity', 'ResultSize']);
  const size = resultSize('Get-MailboxAuditBypassAssociation', parameters);
  const rows = byIdentity(
    tenant.exchange.auditBypassAssociations,
    identityOf('Get-MailboxAuditBypassAssociation', parameters),
    ['Identity', 'Name'],
  );
  return output(rows.slice(0, size));
};

export const exchangeCmdlets: CmdletTable = {
  'Get-OrganizationConfig': singleton('Get-OrganizationConfig', (t) => t.exchange.organizationConfig),
  'Get-AdminAuditLogConfig': (tenant, parameters) => {
    accept('Get-AdminAuditLogConfig', parameters, []);
    return output([tenant.exchange.adminAuditLogConfig]);
  },
  'Get-TransportConfig': singleton('Get-TransportConfig', (t) => t.exchange.transportConfig),
  'Get-ExternalInOutlook': singleton('Get-ExternalInOutlook', (t) => t.exchange.externalInOutlook),
  'Get-SharingPolicy': named('Get-SharingPolicy', (t) => t.exchange.sharingPolicies),
  'Get-OwaMailboxPolicy': named('Get-OwaMailboxPolicy', (t) => t.exchange.owaMailboxPolicies),
  'Get-RoleAssignmentPolicy': named('Get-RoleAssignmentPolicy', (t) => t.exchange.roleAssignmentPolicies),
  'Get-TransportRule': getTransportRule,
  'Get-Mailbox': getMailbox,
  'Get-MailboxAuditBypassAssociation': getMailboxAuditBypassAssociation,
};
