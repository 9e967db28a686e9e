// The Graph application permissions this server needs, each the least privileged one in
// Microsoft's catalogue for the calls it makes (graph-core's `permissionsFor`), reads and writes apart.
import { definePermissions } from '@m365-mcp/auth';

export const identityPermissions = definePermissions('m365-identity', [
  {
    permission: 'IdentityRiskyUser.Read.All',
    reason: 'Read risky users (GET /identityProtection/riskyUsers): who is at risk, level, state and detail.',
    access: 'read',
  },
  {
    permission: 'IdentityRiskEvent.Read.All',
    reason:
      'Read recent risk detections (GET /identityProtection/riskDetections) as evidence for risky users.',
    access: 'read',
  },
  {
    permission: 'AuditLog.Read.All',
    reason:
      'Read the authentication methods registration report (GET /reports/authenticationMethods/userRegistrationDetails) and users’ signInActivity for stale accounts; Graph has no narrower permission for either.',
    access: 'read',
  },
  {
    permission: 'Policy.Read.All',
    reason:
      'Read conditional access policies (GET /identity/conditionalAccess/policies) and the Security Defaults state (GET /policies/identitySecurityDefaultsEnforcementPolicy).',
    access: 'read',
  },
  {
    permission: 'RoleManagement.Read.Directory',
    reason:
      'Read directory role definitions and active assignments (/roleManagement/directory/roleDefinitions, roleAssignments), where it is least; it also allows the PIM schedule instances, so the narrower RoleAssignmentSchedule.Read.Directory and RoleEligibilitySchedule.Read.Directory would only be extra grants.',
    access: 'read',
  },
  {
    permission: 'GroupMember.ReadBasic.All',
    reason:
      'Expand role-assignable groups that hold directory roles, and groups excluded from conditional access (GET /groups/{id}/transitiveMembers).',
    access: 'read',
  },
  {
    permission: 'User.Read.All',
    reason:
      'Read users’ account state, type, sync, licences and creation date, and which accounts are disabled (GET /users, /users/{id}); User.ReadBasic.All, the catalogue’s least, does not return these properties.',
    access: 'read',
  },
  {
    permission: 'Application.Read.All',
    reason:
      'Read app registrations and service principals with their credentials, and the application permissions granted to Microsoft Graph (GET /applications, /servicePrincipals, /servicePrincipals/{id}/appRoleAssignedTo).',
    access: 'read',
  },
  {
    permission: 'User.RevokeSessions.All',
    reason: 'contain_user: revoke a user’s sign-in sessions (POST /users/{id}/revokeSignInSessions).',
    access: 'write',
  },
  {
    permission: 'User.EnableDisableAccount.All',
    reason:
      'contain_user: disable or re-enable an account (PATCH /users/{id} with accountEnabled only); narrower than User.ReadWrite.All.',
    access: 'write',
  },
  {
    permission: 'IdentityRiskyUser.ReadWrite.All',
    reason:
      'contain_user: confirm a user compromised or dismiss their risk (POST /identityProtection/riskyUsers/confirmCompromised, /dismiss).',
    access: 'write',
  },
]);
