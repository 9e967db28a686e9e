// The Entra directory roles that let a signed-in admin do what a Graph permission allows. In
// delegated mode Graph grants a call only when the app holds the delegated scope AND the user's own
// directory roles allow it, so `check` and the 403 message name both. This is our reading of
// Microsoft's "Microsoft Entra built-in roles" page per permission family, least privileged first;
// Global Administrator allows everything and Global Reader every read, so neither is repeated in
// each row. It advises; Graph decides.
import type { DirectoryRoleRequirement, PermissionAccess } from '../manifest.js';

/** Built-in role templates (ids are the same in every tenant). */
export const builtInRoles = {
  globalAdministrator: { name: 'Global Administrator', templateId: '62e90394-69f5-4237-9190-012177145e10' },
  globalReader: { name: 'Global Reader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' },
  securityReader: { name: 'Security Reader', templateId: '5d6b6bb7-de71-4623-b4af-96380a352509' },
  securityOperator: { name: 'Security Operator', templateId: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f' },
  securityAdministrator: {
    name: 'Security Administrator',
    templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  },
  directoryReaders: { name: 'Directory Readers', templateId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' },
  reportsReader: { name: 'Reports Reader', templateId: '4a5d8f65-41da-4de4-8968-e035b65339cf' },
  userAdministrator: { name: 'User Administrator', templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
  privilegedAuthenticationAdministrator: {
    name: 'Privileged Authentication Administrator',
    templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  },
  privilegedRoleAdministrator: {
    name: 'Privileged Role Administrator',
    templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  },
  sharePointAdministrator: {
    name: 'SharePoint Administrator',
    templateId: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  },
  complianceAdministrator: {
    name: 'Compliance Administrator',
    templateId: '17315797-102d-40b4-93e0-432062caca18',
  },
  intuneAdministrator: { name: 'Intune Administrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5' },
  cloudApplicationAdministrator: {
    name: 'Cloud Application Administrator',
    templateId: '158c047a-c907-4556-b7ef-446551a6b5f7',
  },
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
