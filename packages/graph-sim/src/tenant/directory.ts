// Entra ID data of the simulated tenant, in Graph's own shapes. Each collection holds exactly what
// Graph would return for one item (so routes can hand items out as they are), except where a
// comment says the routes derive the Graph shape (role assignments, directory roles, group
// members, authentication methods): those are kept as the facts they come from, so that a test
// that plants or fixes one fact sees every endpoint that shows it change together.

/** Any Graph entity: an id plus Graph's properties. */
export interface GraphEntity {
  id: string;
  [property: string]: unknown;
}

/** A user in Graph's shape (`microsoft.graph.user`), the properties the servers read. */
export interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  createdDateTime: string;
  onPremisesSyncEnabled?: boolean | null;
  assignedLicenses?: { skuId: string; disabledPlans: string[] }[];
  /** null when the user has never signed in (Graph returns null, not an empty object). */
  signInActivity?: {
    lastSignInDateTime: string | null;
    lastNonInteractiveSignInDateTime: string | null;
    lastSuccessfulSignInDateTime?: string | null;
    [property: string]: unknown;
  } | null;
  [property: string]: unknown;
}

/** A group in Graph's shape (`microsoft.graph.group`). Members are in `DirectoryData.groupMembers`. */
export interface GraphGroup extends GraphEntity {
  displayName: string;
  groupTypes: string[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  isAssignableToRole?: boolean | null;
  membershipRule?: string | null;
}

/** A built-in or custom role definition (`microsoft.graph.unifiedRoleDefinition`); id = templateId. */
export interface RoleDefinition extends GraphEntity {
  displayName: string;
  templateId: string;
  isBuiltIn: boolean;
  isPrivileged?: boolean;
}

/**
 * One active role assignment, permanent or PIM-activated. The routes render it as a
 * `unifiedRoleAssignment` (/roleManagement/directory/roleAssignments), as a
 * `unifiedRoleAssignmentScheduleInstance`, and as a member of an activated `/directoryRoles` entry.
 */
export interface ActiveRoleAssignment {
  id: string;
  principalId: string;
  /** The role's template id (Graph's roleDefinitionId for built-in roles). */
  roleDefinitionId: string;
  directoryScopeId: string;
  /** `Assigned` = standing assignment; `Activated` = a PIM activation of an eligible assignment. */
  assignmentType: 'Assigned' | 'Activated';
  startDateTime: string;
  /** null = permanent. */
  endDateTime: string | null;
}

/** One PIM eligibility (`unifiedRoleEligibilityScheduleInstance`); the route renders it as is. */
export interface RoleEligibility {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  memberType: 'Direct' | 'Group' | 'Inherited';
  startDateTime: string;
  endDateTime: string | null;
  roleEligibilityScheduleId: string;
}

/** `userRegistrationDetails`: the row the authentication methods report holds for a user. */
export interface UserRegistrationDetails {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  /** Graph's method names: microsoftAuthenticatorPush, fido2, mobilePhone, softwareOneTimePasscode, ... */
  methodsRegistered: string[];
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: string;
  lastUpdatedDateTime: string;
}

/** The policy singletons under /policies (and friends), each in Graph's shape. */
export interface DirectoryPolicies {
  authorizationPolicy: GraphEntity;
  identitySecurityDefaultsEnforcementPolicy: GraphEntity;
  authenticationMethodsPolicy: GraphEntity;
  adminConsentRequestPolicy: Record<string, unknown>;
  crossTenantAccessPolicyDefault: Record<string, unknown>;
  deviceRegistrationPolicy: GraphEntity;
  /** `unifiedRoleManagementPolicyAssignment`s, each with its `policy` (and the policy's `rules`). */
  roleManagementPolicyAssignments: GraphEntity[];
}

export interface DirectoryData {
  users: GraphUser[];
  groups: GraphGroup[];
  /** Direct members of each group, by group id: ids of users, groups or service principals. */
  groupMembers: Record<string, string[]>;
  roleDefinitions: RoleDefinition[];
  roleAssignments: ActiveRoleAssignment[];
  roleEligibilities: RoleEligibility[];
  applications: GraphEntity[];
  servicePrincipals: GraphEntity[];
  /** Application permissions granted to service principals (`appRoleAssignment`), any resource. */
  appRoleAssignments: GraphEntity[];
  oauth2PermissionGrants: GraphEntity[];
  organization: GraphEntity;
  domains: GraphEntity[];
  subscribedSkus: GraphEntity[];
  policies: DirectoryPolicies;
  groupSettings: GraphEntity[];
  onPremisesSynchronization: GraphEntity[];
  conditionalAccessPolicies: GraphEntity[];
  namedLocations: GraphEntity[];
  riskyUsers: GraphEntity[];
  riskDetections: GraphEntity[];
  /** Also the source of /users/{id}/authentication/methods, which the route derives from it. */
  userRegistrationDetails: UserRegistrationDetails[];
  directoryAudits: GraphEntity[];
  signIns: GraphEntity[];
}
