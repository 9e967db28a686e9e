// Tenant-wide policy singletons. Planted CIS failures: security defaults off (fine with CA, but
// recorded), users may consent to apps (legacy default grant policy), admin consent workflow off,
// anyone (guests included) may invite guests, guests have limited rather than restricted access,
// users may create apps, groups and tenants, SMS and voice enabled as MFA methods, device join open
// to all with Global Administrators as local admins and LAPS off, no banned-password list.
import type { DirectoryPolicies, GraphEntity } from '../../directory.js';
import { CONTOSO_TENANT_ID } from '../people.js';
import { demoGroupIds } from './groups.js';
import { daysAgo, stableId } from './ids.js';
import { guestRoleIds, roleTemplateIds } from './wellKnown.js';

function target(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { targetType: 'group', id, isRegistrationRequired: false, ...extra };
}

function featureSetting(state: 'enabled' | 'disabled' | 'default'): Record<string, unknown> {
  return {
    state,
    includeTarget: { targetType: 'group', id: 'all_users' },
    excludeTarget: { targetType: 'group', id: '00000000-0000-0000-0000-000000000000' },
  };
}

function authenticationMethodsPolicy(now: Date): GraphEntity {
  const breakGlassExcluded = [{ id: demoGroupIds.breakGlass, targetType: 'group' }];
  return {
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    description:
      'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings',
    lastModifiedDateTime: daysAgo(now, 40),
    policyVersion: '1.5',
    policyMigrationState: 'migrationInProgress',
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        enforceRegistrationAfterAllowedSnoozes: true,
        state: 'default',
        excludeTargets: [],
        includeTargets: [
          { id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' },
        ],
      },
    },
    authenticationMethodConfigurations: [
      {
        '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
        id: 'Fido2',
        state: 'enabled',
        isSelfServiceRegistrationAllowed: true,
        isAttestationEnforced: false,
        excludeTargets: [],
        keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
        includeTargets: [target('all_users')],
      },
      {
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
        id: 'MicrosoftAuthenticator',
        state: 'enabled',
        isSoftwareOathEnabled: false,
        excludeTargets: breakGlassExcluded,
        featureSettings: {
          companionAppAllowedState: featureSetting('default'),
          numberMatchingRequiredState: featureSetting('enabled'),
          // Planted: app name and location are not shown in push notifications (CIS 5.2.3.1).
          displayAppInformationRequiredState: featureSetting('default'),
          displayLocationInformationRequiredState: featureSetting('default'),
        },
        includeTargets: [target('all_users', { authenticationMode: 'any' })],
      },
      {
        '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
        id: 'Sms',
        state: 'enabled',
        excludeTargets: [],
        includeTargets: [target('all_users', { isUsableForSignIn: false })],
      },
      {
        '@odata.type': '#microsoft.graph.voiceAuthenticationMethodConfiguration',
        id: 'Voice',
        state: 'enabled',
        isOfficePhoneAllowed: false,
        excludeTargets: [],
        includeTargets: [target('all_users')],
      },
      {
        '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
        id: 'Email',
        state: 'disabled',
        allowExternalIdToUseEmailOtp: 'default',
        excludeTargets: [],
        includeTargets: [target('all_users')],
      },
      {
        '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
        id: 'TemporaryAccessPass',
        state: 'enabled',
        defaultLifetimeInMinutes: 60,
        defaultLength: 8,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        isUsableOnce: true,
        excludeTargets: [],
        includeTargets: [target(demoGroupIds.itDepartment)],
      },
      {
        '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethodConfiguration',
        id: 'SoftwareOath',
        state: 'enabled',
        excludeTargets: [],
        includeTargets: [target('all_users')],
      },
      {
        '@odata.type': '#microsoft.graph.x509CertificateAuthenticationMethodConfiguration',
        id: 'X509Certificate',
        state: 'disabled',
        excludeTargets: [],
        certificateUserBindings: [],
        authenticationModeConfiguration: {
          x509CertificateAuthenticationDefaultMode: 'x509CertificateSingleFactor',
          rules: [],
        },
        includeTargets: [target('all_users')],
      },
    ],
  };
}

function roleManagementPolicyAssignment(roleDefinitionId: string, approvalRequired: boolean): GraphEntity {
  const policyId = `DirectoryRole_${CONTOSO_TENANT_ID}_${stableId(`rolePolicy/${roleDefinitionId}`)}`;
  return {
    id: `${policyId}_${roleDefinitionId}`,
    policyId,
    scopeId: '/',
    scopeType: 'DirectoryRole',
    roleDefinitionId,
    policy: {
      id: policyId,
      displayName: 'DirectoryRole',
      description: 'DirectoryRole',
      isOrganizationDefault: false,
      scopeId: '/',
      scopeType: 'DirectoryRole',
      lastModifiedDateTime: null,
      lastModifiedBy: null,
      rules: [
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
          id: 'Approval_EndUser_Assignment',
          setting: {
            isApprovalRequired: approvalRequired,
            isApprovalRequiredForExtension: false,
            isRequestorJustificationRequired: true,
            approvalMode: 'SingleStage',
            approvalStages: [
              {
                approvalStageTimeOutInDays: 1,
                isApproverJustificationRequired: true,
                escalationTimeInMinutes: 0,
                isEscalationEnabled: false,
                primaryApprovers: approvalRequired
                  ? [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: demoGroupIds.itDepartment }]
                  : [],
                escalationApprovers: [],
              },
            ],
          },
          target: { caller: 'EndUser', operations: ['All'], level: 'Assignment' },
        },
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
          id: 'Expiration_EndUser_Assignment',
          isExpirationRequired: true,
          maximumDuration: 'PT8H',
          target: { caller: 'EndUser', operations: ['All'], level: 'Assignment' },
        },
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
          id: 'Expiration_Admin_Assignment',
          // Planted: standing (never-expiring) active assignments are allowed.
          isExpirationRequired: false,
          maximumDuration: 'P180D',
          target: { caller: 'Admin', operations: ['All'], level: 'Assignment' },
        },
      ],
    },
  };
}

export function demoPolicies(now: Date): DirectoryPolicies {
  return {
    authorizationPolicy: {
      id: 'authorizationPolicy',
      allowInvitesFrom: 'everyone',
      allowedToSignUpEmailBasedSubscriptions: true,
      allowedToUseSSPR: true,
      allowEmailVerifiedUsersToJoinOrganization: false,
      allowUserConsentForRiskyApps: false,
      blockMsolPowerShell: false,
      displayName: 'Authorization Policy',
      description: 'Used to manage authorization related settings across the company.',
      guestUserRoleId: guestRoleIds.limited,
      defaultUserRolePermissions: {
        allowedToCreateApps: true,
        allowedToCreateSecurityGroups: true,
        allowedToCreateTenants: true,
        allowedToReadBitlockerKeysForOwnedDevice: true,
        allowedToReadOtherUsers: true,
        permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
      },
    },
    identitySecurityDefaultsEnforcementPolicy: {
      id: '00000000-0000-0000-0000-000000000005',
      displayName: 'Security Defaults',
      description:
        'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.',
      isEnabled: false,
    },
    authenticationMethodsPolicy: authenticationMethodsPolicy(now),
    adminConsentRequestPolicy: {
      isEnabled: false,
      notifyReviewers: false,
      remindersEnabled: false,
      requestDurationInDays: 0,
      version: 0,
      reviewers: [],
    },
    crossTenantAccessPolicyDefault: {
      isServiceDefault: true,
      inboundTrust: {
        isMfaAccepted: false,
        isCompliantDeviceAccepted: false,
        isHybridAzureADJoinedDeviceAccepted: false,
      },
      automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
      b2bCollaborationInbound: {
        usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
        applications: {
          accessType: 'allowed',
          targets: [{ target: 'AllApplications', targetType: 'application' }],
        },
      },
      b2bCollaborationOutbound: {
        usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
        applications: {
          accessType: 'allowed',
          targets: [{ target: 'AllApplications', targetType: 'application' }],
        },
      },
      b2bDirectConnectInbound: {
        usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
        applications: {
          accessType: 'blocked',
          targets: [{ target: 'AllApplications', targetType: 'application' }],
        },
      },
      b2bDirectConnectOutbound: {
        usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
        applications: {
          accessType: 'blocked',
          targets: [{ target: 'AllApplications', targetType: 'application' }],
        },
      },
      invitationRedemptionIdentityProviderConfiguration: {
        primaryIdentityProviderPrecedenceOrder: [
          'azureActiveDirectory',
          'externalFederation',
          'socialIdentityProviders',
        ],
        fallbackIdentityProvider: 'defaultConfiguredIdp',
      },
    },
    deviceRegistrationPolicy: {
      id: 'deviceRegistrationPolicy',
      displayName: 'Device Registration Policy',
      description:
        'Tenant-wide policy that manages initial provisioning controls using quota restrictions, additional authentication and authorization checks',
      userDeviceQuota: 50,
      multiFactorAuthConfiguration: 'notRequired',
      azureADRegistration: {
        isAdminConfigurable: false,
        allowedToRegister: { '@odata.type': '#microsoft.graph.allDeviceRegistrationMembership' },
      },
      azureADJoin: {
        isAdminConfigurable: true,
        allowedToJoin: { '@odata.type': '#microsoft.graph.allDeviceRegistrationMembership' },
        localAdmins: {
          enableGlobalAdmins: true,
          registeringUsers: { '@odata.type': '#microsoft.graph.allDeviceRegistrationMembership' },
        },
      },
      localAdminPassword: { isEnabled: false },
    },
    roleManagementPolicyAssignments: [
      roleManagementPolicyAssignment(roleTemplateIds.globalAdministrator, false),
      roleManagementPolicyAssignment(roleTemplateIds.privilegedRoleAdministrator, true),
      roleManagementPolicyAssignment(roleTemplateIds.helpdeskAdministrator, false),
      roleManagementPolicyAssignment(roleTemplateIds.sharePointAdministrator, false),
    ],
  };
}

const PASSWORD_RULE_TEMPLATE = '5cf42378-d67d-4f36-ba46-e8b86229381d';
const GROUP_UNIFIED_TEMPLATE = '62375ab9-6b52-47ed-826b-58e47e0e304b';

export function demoGroupSettings(): GraphEntity[] {
  return [
    {
      id: stableId('groupSetting/password-rules'),
      displayName: 'Password Rule Settings',
      templateId: PASSWORD_RULE_TEMPLATE,
      values: [
        { name: 'BannedPasswordCheckOnPremisesMode', value: 'Audit' },
        { name: 'EnableBannedPasswordCheckOnPremises', value: 'True' },
        // Planted: the custom banned-password list is off and empty (CIS 5.2.3.2).
        { name: 'EnableBannedPasswordCheck', value: 'False' },
        { name: 'LockoutDurationInSeconds', value: '60' },
        { name: 'LockoutThreshold', value: '10' },
        { name: 'BannedPasswordList', value: '' },
      ],
    },
    {
      id: stableId('groupSetting/group-unified'),
      displayName: 'Group.Unified',
      templateId: GROUP_UNIFIED_TEMPLATE,
      values: [
        { name: 'EnableMIPLabels', value: 'false' },
        { name: 'EnableGroupCreation', value: 'true' },
        { name: 'GroupCreationAllowedGroupId', value: '' },
        { name: 'AllowGuestsToBeGroupOwner', value: 'false' },
        { name: 'AllowGuestsToAccessGroups', value: 'true' },
        { name: 'AllowToAddGuests', value: 'true' },
        { name: 'UsageGuidelinesUrl', value: '' },
      ],
    },
  ];
}

export function demoOnPremisesSynchronization(): GraphEntity[] {
  return [
    {
      id: CONTOSO_TENANT_ID,
      configuration: {
        synchronizationInterval: 'PT30M',
        customerRequestedSynchronizationInterval: null,
        accidentalDeletionPrevention: {
          synchronizationPreventionType: 'enabledForCount',
          alertThreshold: 500,
        },
      },
      features: {
        blockCloudObjectTakeoverThroughHardMatchEnabled: false,
        blockSoftMatchEnabled: false,
        bypassDirSyncOverridesEnabled: false,
        cloudPasswordPolicyForPasswordSyncedUsersEnabled: false,
        concurrentCredentialUpdateEnabled: false,
        concurrentOrgIdProvisioningEnabled: true,
        deviceWritebackEnabled: false,
        directoryExtensionsEnabled: false,
        fopeConflictResolutionEnabled: false,
        groupWriteBackEnabled: false,
        passwordSyncEnabled: true,
        passwordWritebackEnabled: true,
        quarantineUponProxyAddressesConflictEnabled: true,
        quarantineUponUpnConflictEnabled: true,
        softMatchOnUpnEnabled: true,
        synchronizeUpnForManagedUsersEnabled: true,
        unifiedGroupWritebackEnabled: false,
        userForcePasswordChangeOnLogonEnabled: false,
        userWritebackEnabled: false,
      },
    },
  ];
}
