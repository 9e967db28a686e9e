import type { QueryParams } from '@m365-mcp/graph-core';
import { f } from '@m365-mcp/graph-core';
import type { ServiceResourceKey } from './service-resources.js';

// Every Graph resource a control reads, once per run however many controls read it. The key is
// what controls name; the permission is the least-privileged application permission that reads it
// (Microsoft's catalogue, via graph-core's permissionsFor), which the server's manifest lists.

export type Licence = 'entraP1' | 'entraP2' | 'defenderO365P1' | 'defenderO365P2';

export interface ResourceSpec {
  path: string;
  version?: 'v1.0' | 'beta';
  query?: QueryParams;
  kind: 'get' | 'list';
  permission: string;
  /** The resource answers only on a tenant with this licence. */
  licence?: Licence;
  /** Properties that change without anyone changing a setting; drift ignores them. */
  volatile?: string[];
  /**
   * A dated history (rows with `createdDateTime`): the newest `rows` are read in one page and kept
   * newest first; drift compares only the newest row (the older ones are history, not settings).
   */
  history?: { rows: number };
}

/** Days of Secure Score history an audit reads, in one request. */
export const SECURE_SCORE_DAYS = 90;

export const THIRD_PARTY_STORAGE_APP_ID = 'c1f33bc0-bdb4-4248-ba9b-096807ddb43e';

const always = ['@odata.context', '@odata.etag', '@odata.nextLink', '@odata.count'];

export const resources = {
  subscribedSkus: {
    path: '/subscribedSkus',
    kind: 'list',
    permission: 'Organization.Read.All',
    volatile: ['consumedUnits', 'prepaidUnits'],
  },
  organization: {
    path: '/organization',
    kind: 'list',
    permission: 'Organization.Read.All',
    // verifiedDomains: the initial domain names the tenant's SharePoint admin host.
    query: { $select: 'id,displayName,onPremisesSyncEnabled,verifiedDomains' },
  },
  onPremisesSynchronization: {
    path: '/directory/onPremisesSynchronization',
    kind: 'list',
    permission: 'OnPremDirectorySynchronization.Read.All',
  },
  authorizationPolicy: { path: '/policies/authorizationPolicy', kind: 'get', permission: 'Policy.Read.All' },
  securityDefaults: {
    path: '/policies/identitySecurityDefaultsEnforcementPolicy',
    kind: 'get',
    permission: 'Policy.Read.All',
  },
  conditionalAccessPolicies: {
    path: '/identity/conditionalAccess/policies',
    kind: 'list',
    permission: 'Policy.Read.All',
    volatile: ['modifiedDateTime'],
  },
  authenticationMethodsPolicy: {
    path: '/policies/authenticationMethodsPolicy',
    kind: 'get',
    permission: 'Policy.Read.AuthenticationMethod',
    volatile: ['lastModifiedDateTime'],
  },
  adminConsentRequestPolicy: {
    path: '/policies/adminConsentRequestPolicy',
    kind: 'get',
    permission: 'Policy.Read.All',
    volatile: ['version'],
  },
  crossTenantAccessDefault: {
    path: '/policies/crossTenantAccessPolicy/default',
    kind: 'get',
    permission: 'Policy.Read.All',
  },
  deviceRegistrationPolicy: {
    path: '/policies/deviceRegistrationPolicy',
    kind: 'get',
    permission: 'Policy.Read.DeviceConfiguration',
  },
  groupSettings: { path: '/groupSettings', kind: 'list', permission: 'GroupSettings.Read.All' },
  domains: { path: '/domains', kind: 'list', permission: 'Domain.Read.All' },
  users: {
    path: '/users',
    kind: 'list',
    permission: 'User.Read.All',
    query: {
      $select:
        'id,displayName,userPrincipalName,userType,accountEnabled,onPremisesSyncEnabled,assignedLicenses',
      $top: 999,
    },
  },
  groups: {
    path: '/groups',
    kind: 'list',
    permission: 'Group.Read.All',
    query: {
      $select:
        'id,displayName,groupTypes,visibility,membershipRule,membershipRuleProcessingState,isAssignableToRole',
      $top: 999,
    },
  },
  roleAssignments: {
    path: '/roleManagement/directory/roleAssignments',
    kind: 'list',
    permission: 'RoleManagement.Read.Directory',
    query: { $expand: 'principal' },
  },
  roleEligibilities: {
    path: '/roleManagement/directory/roleEligibilityScheduleInstances',
    kind: 'list',
    permission: 'RoleEligibilitySchedule.Read.Directory',
    // The principal's type tells a group's eligibility (its members are eligible) from a user's.
    query: { $expand: 'principal' },
    licence: 'entraP2',
  },
  roleAssignmentSchedules: {
    path: '/roleManagement/directory/roleAssignmentScheduleInstances',
    kind: 'list',
    permission: 'RoleAssignmentSchedule.Read.Directory',
    query: { $filter: f.eq('assignmentType', 'Assigned') },
    licence: 'entraP2',
  },
  roleManagementPolicies: {
    path: '/policies/roleManagementPolicyAssignments',
    kind: 'list',
    permission: 'RoleManagement.Read.Directory',
    query: {
      $filter: f.and(f.eq('scopeId', '/'), f.eq('scopeType', 'DirectoryRole')),
      $expand: 'policy($expand=rules)',
    },
    licence: 'entraP2',
  },
  accessReviews: {
    path: '/identityGovernance/accessReviews/definitions',
    kind: 'list',
    permission: 'AccessReview.Read.All',
    licence: 'entraP2',
  },
  registrationDetails: {
    path: '/reports/authenticationMethods/userRegistrationDetails',
    kind: 'list',
    permission: 'AuditLog.Read.All',
    query: { $filter: f.eq('userType', 'member') },
    licence: 'entraP1',
    volatile: ['lastUpdatedDateTime'],
  },
  thirdPartyStorage: {
    path: '/servicePrincipals',
    kind: 'list',
    permission: 'Application.Read.All',
    query: {
      $filter: f.eq('appId', THIRD_PARTY_STORAGE_APP_ID),
      $select: 'id,appId,displayName,accountEnabled',
    },
  },
  sharepointSettings: {
    path: '/admin/sharepoint/settings',
    kind: 'get',
    permission: 'SharePointTenantSettings.Read.All',
  },
  appsAndServices: {
    path: '/admin/appsAndServices/settings',
    version: 'beta',
    kind: 'get',
    permission: 'OrgSettings-AppsAndServices.Read.All',
  },
  formsSettings: {
    path: '/admin/forms/settings',
    version: 'beta',
    kind: 'get',
    permission: 'OrgSettings-Forms.Read.All',
  },
  // Newest first, one a day: the run keeps the whole history for the report's overview and trend
  // (every Graph audit reads it, whichever controls are selected); drift compares the latest day.
  secureScore: {
    path: '/security/secureScores',
    kind: 'list',
    permission: 'SecurityEvents.Read.All',
    history: { rows: SECURE_SCORE_DAYS },
    volatile: [
      'createdDateTime',
      'id',
      'activeUserCount',
      'licensedUserCount',
      'averageComparativeScores',
      'currentScore',
      'maxScore',
      // Stamped on every control score each day, changed or not.
      'lastSynced',
    ],
  },
} as const satisfies Record<string, ResourceSpec>;

export type GraphResourceKey = keyof typeof resources;

/** What a control may read: a Graph resource (above) or one of an admin API beyond Graph (service-resources.ts). */
export type ResourceKey = GraphResourceKey | ServiceResourceKey;

export const alwaysVolatile: readonly string[] = always;

export function resourceSpec(key: GraphResourceKey): ResourceSpec {
  return resources[key];
}
