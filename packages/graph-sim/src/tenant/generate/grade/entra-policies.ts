// Tenant-wide Entra ID and Microsoft 365 settings of a graded (warning or good) tenant: the demo's
// planted policy failures (user consent, guest invitations, device join, SMS and voice, banned
// passwords, GA activation without approval, third-party storage, Forms phishing scans, no guest
// access review ...) set to what CIS asks. A warning tenant keeps its public groups (CIS 1.2.1).
// Runs on the demo's data before the rebrand.
import type { ComplianceData } from '../../compliance.js';
import { demoGroupIds } from '../../demo/directory/groups.js';
import { daysAgo, stableId } from '../../demo/directory/ids.js';
import { roleTemplateIds } from '../../demo/directory/wellKnown.js';
import type { DirectoryData, GraphEntity } from '../../directory.js';
import type { PostureGrade } from '../posture-grade.js';
import { gradeConditionalAccess } from './conditional-access.js';

type Grade = Exclude<PostureGrade, 'critical'>;

/** "Microsoft 365 on the web" third-party storage; its service principal disabled turns the option off. */
const THIRD_PARTY_STORAGE_APP_ID = 'c1f33bc0-bdb4-4248-ba9b-096807ddb43e';
const PASSWORD_RULE_TEMPLATE = '5cf42378-d67d-4f36-ba46-e8b86229381d';
const NEVER_EXPIRES = 2147483647;

type Json = Record<string, unknown>;
interface AuthenticationMethods {
  policyMigrationState: string;
  authenticationMethodConfigurations: {
    id: string;
    state: string;
    featureSettings?: Record<string, Json>;
  }[];
}
interface RoleManagementPolicyAssignment {
  roleDefinitionId: string;
  policy: {
    rules: {
      id: string;
      isExpirationRequired?: boolean;
      setting?: { isApprovalRequired: boolean; approvalStages: { primaryApprovers: unknown[] }[] };
    }[];
  };
}
interface CrossTenantDefault {
  b2bCollaborationInbound: { usersAndGroups: { accessType: string }; applications: { accessType: string } };
}
interface GroupSetting {
  templateId: string;
  values: { name: string; value: string }[];
}

export function gradeEntraPolicies(
  directory: DirectoryData,
  compliance: ComplianceData,
  grade: Grade,
  now: Date,
): void {
  const policies = directory.policies;
  const authorization = policies.authorizationPolicy;
  authorization.allowInvitesFrom = 'adminsAndGuestInviters';
  authorization.allowedToSignUpEmailBasedSubscriptions = false;
  authorization.defaultUserRolePermissions = {
    ...(authorization.defaultUserRolePermissions as Json),
    allowedToCreateApps: false,
    allowedToCreateSecurityGroups: false,
    allowedToCreateTenants: false,
    allowedToReadBitlockerKeysForOwnedDevice: false,
    permissionGrantPoliciesAssigned: [],
  };
  Object.assign(policies.adminConsentRequestPolicy, {
    isEnabled: true,
    notifyReviewers: true,
    remindersEnabled: true,
    requestDurationInDays: 30,
    reviewers: [
      { query: `/groups/${demoGroupIds.itDepartment}/transitiveMembers`, queryType: 'MicrosoftGraph' },
    ],
  });
  const inbound = (policies.crossTenantAccessPolicyDefault as unknown as CrossTenantDefault)
    .b2bCollaborationInbound;
  inbound.usersAndGroups.accessType = 'blocked';
  inbound.applications.accessType = 'blocked';
  hardenDevices(policies.deviceRegistrationPolicy);
  hardenAuthenticationMethods(policies.authenticationMethodsPolicy as unknown as AuthenticationMethods);
  const assignments = policies.roleManagementPolicyAssignments as unknown as RoleManagementPolicyAssignment[];
  for (const assignment of assignments) {
    const global = assignment.roleDefinitionId === roleTemplateIds.globalAdministrator;
    for (const rule of assignment.policy.rules) {
      const stage = rule.setting?.approvalStages[0];
      if (rule.id === 'Approval_EndUser_Assignment' && global && rule.setting && stage) {
        rule.setting.isApprovalRequired = true;
        stage.primaryApprovers = [
          { '@odata.type': '#microsoft.graph.groupMembers', groupId: demoGroupIds.itDepartment },
        ];
      }
      if (rule.id === 'Expiration_Admin_Assignment') rule.isExpirationRequired = true;
    }
  }
  directory.conditionalAccessPolicies = gradeConditionalAccess(directory.conditionalAccessPolicies);
  hardenPasswordRules(directory.groupSettings as unknown as GroupSetting[]);
  for (const domain of directory.domains) {
    if (domain.authenticationType === 'Managed') domain.passwordValidityPeriodInDays = NEVER_EXPIRES;
  }
  directory.groups.push({
    id: stableId('group/guests-dynamic'),
    deletedDateTime: null,
    createdDateTime: daysAgo(now, 200),
    description: 'Every guest, for guest access reviews and policies',
    displayName: 'All guests',
    groupTypes: ['DynamicMembership'],
    isAssignableToRole: false,
    mail: null,
    mailEnabled: false,
    mailNickname: 'allguests',
    membershipRule: '(user.userType -eq "Guest")',
    membershipRuleProcessingState: 'On',
    securityEnabled: true,
    visibility: null,
  });
  directory.groupMembers[stableId('group/guests-dynamic')] = directory.users
    .filter((u) => u.userType === 'Guest')
    .map((u) => u.id);
  if (grade === 'good') {
    for (const group of directory.groups as Json[])
      if (group.visibility === 'Public') group.visibility = 'Private';
  }
  directory.servicePrincipals.push(thirdPartyStorage(now));
  gradeCompliance(compliance);
}

function hardenDevices(policy: Json): void {
  const none = { '@odata.type': '#microsoft.graph.noDeviceRegistrationMembership' };
  policy.userDeviceQuota = 20;
  policy.azureADJoin = {
    ...(policy.azureADJoin as Json),
    allowedToJoin: {
      '@odata.type': '#microsoft.graph.enumeratedDeviceRegistrationMembership',
      users: [],
      groups: [demoGroupIds.itDepartment],
    },
    localAdmins: { enableGlobalAdmins: false, registeringUsers: none },
  };
  policy.localAdminPassword = { isEnabled: true };
}

function hardenAuthenticationMethods(policy: AuthenticationMethods): void {
  policy.policyMigrationState = 'migrationComplete';
  for (const method of policy.authenticationMethodConfigurations) {
    if (method.id === 'Sms' || method.id === 'Voice') method.state = 'disabled';
    const features = method.featureSettings;
    if (method.id !== 'MicrosoftAuthenticator' || !features) continue;
    for (const feature of ['displayAppInformationRequiredState', 'displayLocationInformationRequiredState']) {
      features[feature] = { ...features[feature], state: 'enabled' };
    }
  }
}

function hardenPasswordRules(settings: GroupSetting[]): void {
  const rules = settings.find((s) => s.templateId === PASSWORD_RULE_TEMPLATE);
  if (!rules) return;
  const values: Record<string, string> = {
    BannedPasswordCheckOnPremisesMode: 'Enforce',
    EnableBannedPasswordCheckOnPremises: 'True',
    EnableBannedPasswordCheck: 'True',
    BannedPasswordList: 'contoso\tcontoso123\tspring2026\twelcome1',
  };
  rules.values = rules.values.map((v) =>
    v.name in values ? { name: v.name, value: values[v.name] ?? v.value } : v,
  );
}

function thirdPartyStorage(now: Date): GraphEntity {
  return {
    id: stableId('sp/third-party-storage'),
    deletedDateTime: null,
    accountEnabled: false,
    appDisplayName: 'Microsoft 365 third-party storage',
    appId: THIRD_PARTY_STORAGE_APP_ID,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    appRoleAssignmentRequired: false,
    appRoles: [],
    createdDateTime: daysAgo(now, 300),
    displayName: 'Microsoft 365 third-party storage',
    homepage: null,
    keyCredentials: [],
    passwordCredentials: [],
    oauth2PermissionScopes: [],
    replyUrls: [],
    servicePrincipalNames: [THIRD_PARTY_STORAGE_APP_ID],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
  };
}

/** Office Store and trials off, Forms phishing scans on, and a recurring review of guests. */
function gradeCompliance(compliance: ComplianceData): void {
  compliance.appsAndServicesSettings = { isOfficeStoreEnabled: false, isAppAndServicesTrialEnabled: false };
  compliance.formsSettings = { ...compliance.formsSettings, isInOrgFormsPhishingScanEnabled: true };
  compliance.accessReviewDefinitions.push({
    id: stableId('accessReview/guests'),
    displayName: 'Quarterly review of guests in Microsoft 365 groups',
    status: 'InProgress',
    scope: {
      '@odata.type': '#microsoft.graph.accessReviewQueryScope',
      query:
        "/groups?$filter=(groupTypes/any(c:c eq 'Unified'))/members/microsoft.graph.user/?$filter=(userType eq 'Guest')",
      queryType: 'MicrosoftGraph',
    },
    reviewers: [{ query: './owners', queryType: 'MicrosoftGraph' }],
    settings: { recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 } } },
  });
}
