// The Entra directory roles that let a signed-in admin do what a Graph permission allows. In
// delegated mode Graph grants a call only when the app holds the delegated scope AND the user's own
// directory roles allow it, so `check` and the 403 message name both. This is our reading of
// Microsoft's "Microsoft Entra built-in roles" page per permission family, least privileged first;
// Global Administrator allows everything and Global Reader every read, so neither is repeated in
// each row. It advises; Graph decides.
import { type DirectoryRoleKey, directoryRoleNames, directoryRoleTemplateIds } from '@m365-mcp/graph-core';
import type { DirectoryRoleRequirement, PermissionAccess } from '../manifest.js';

/** A built-in role as a requirement: its template id and name from graph-core's one home of them. */
function builtIn(key: DirectoryRoleKey): DirectoryRoleRequirement {
  const templateId = directoryRoleTemplateIds[key];
  return { name: directoryRoleNames.get(templateId) ?? key, templateId };
}

/** Built-in role templates (ids are the same in every tenant). */
export const builtInRoles = {
  globalAdministrator: builtIn('globalAdministrator'),
  globalReader: builtIn('globalReader'),
  securityReader: builtIn('securityReader'),
  securityOperator: builtIn('securityOperator'),
  securityAdministrator: builtIn('securityAdministrator'),
  directoryReaders: builtIn('directoryReaders'),
  reportsReader: builtIn('reportsReader'),
  userAdministrator: builtIn('userAdministrator'),
  privilegedAuthenticationAdministrator: builtIn('privilegedAuthenticationAdministrator'),
  privilegedRoleAdministrator: builtIn('privilegedRoleAdministrator'),
  sharePointAdministrator: builtIn('sharePointAdministrator'),
  complianceAdministrator: builtIn('complianceAdministrator'),
  intuneAdministrator: builtIn('intuneAdministrator'),
  cloudApplicationAdministrator: builtIn('cloudApplicationAdministrator'),
} as const satisfies Record<string, DirectoryRoleRequirement>;

const r = builtInRoles;

/** Permission families (a pattern on the name) and the roles beyond the two global ones, least privileged first. */
const table: readonly {
  pattern: RegExp;
  access: PermissionAccess | 'any';
  roles: readonly DirectoryRoleRequirement[];
}[] = [
  // Defender XDR, Secure Score, Identity Protection.
  {
    pattern: /^(Security|IdentityRisk|ThreatHunting)/i,
    access: 'read',
    roles: [r.securityReader, r.securityOperator, r.securityAdministrator],
  },
  {
    pattern: /^IdentityRisky?User\.ReadWrite/i,
    access: 'write',
    roles: [r.securityOperator, r.securityAdministrator],
  },
  { pattern: /^Security/i, access: 'write', roles: [r.securityOperator, r.securityAdministrator] },
  // Sign-in and audit logs, reports.
  {
    pattern: /^(AuditLog|Reports)\./i,
    access: 'read',
    roles: [r.reportsReader, r.securityReader, r.securityAdministrator],
  },
  // Conditional Access, authentication methods and other tenant policies.
  { pattern: /^Policy\.Read\.DeviceConfiguration/i, access: 'read', roles: [r.intuneAdministrator] },
  { pattern: /^Policy\.Read/i, access: 'read', roles: [r.securityReader, r.securityAdministrator] },
  {
    pattern: /^Policy\.ReadWrite\.ConsentRequest/i,
    access: 'write',
    roles: [r.cloudApplicationAdministrator],
  },
  { pattern: /^Policy\.ReadWrite/i, access: 'write', roles: [r.privilegedRoleAdministrator] },
  // Directory roles and PIM.
  {
    pattern: /^Role(Management|EligibilitySchedule|AssignmentSchedule)/i,
    access: 'read',
    roles: [r.directoryReaders, r.securityReader, r.privilegedRoleAdministrator],
  },
  // Users and sessions: an account that holds an admin role needs the privileged variant.
  {
    pattern: /^User\.(RevokeSessions|EnableDisableAccount)/i,
    access: 'write',
    roles: [r.userAdministrator, r.privilegedAuthenticationAdministrator],
  },
  // SharePoint and OneDrive.
  {
    pattern: /^(Sites|Files|SharePointTenantSettings)\./i,
    access: 'any',
    roles: [r.sharePointAdministrator],
  },
  // Purview records management.
  { pattern: /^RecordsManagement\./i, access: 'any', roles: [r.complianceAdministrator] },
  // The directory itself: users, groups, apps, domains, organisation, sync.
  {
    pattern:
      /^(User|Group|GroupMember|GroupSettings|Application|Domain|Organization|OnPremDirectorySynchronization|AdministrativeUnit|AccessReview|Directory)\./i,
    access: 'read',
    roles: [r.directoryReaders],
  },
];

/**
 * The directory roles any one of which lets a signed-in user use `permission`, least privileged
 * first, always ending with the global ones (Global Reader only for reads).
 */
export function directoryRolesFor(permission: string, access: PermissionAccess): DirectoryRoleRequirement[] {
  const row = table.find(
    (entry) => (entry.access === 'any' || entry.access === access) && entry.pattern.test(permission),
  );
  const globals = access === 'read' ? [r.globalReader, r.globalAdministrator] : [r.globalAdministrator];
  const roles = [...(row?.roles ?? []), ...globals];
  return roles.filter(
    (role, index) => roles.findIndex((other) => other.templateId === role.templateId) === index,
  );
}
