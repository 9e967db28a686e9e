import { guestUserRoleIds } from '@m365-mcp/graph-core';
import { graph, settingIs, verdict } from './define.js';
import { type Control, cis, cisa, eidsca, mitre, type Outcome } from './types.js';
import { at, items, odataType, str, strings } from './values.js';

// CIS 5.1: Entra ID general settings (authorization policy, groups, devices, consent, guests, sync).

export const section5General: Control[] = [
  graph({
    id: 'CIS.M365.5.1.2.2',
    title: 'Ensure third party integrated applications are not allowed',
    section: '5.1',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.2.2'), cisa('MS.AAD.5.1v1'), eidsca('AP10'), mitre('T1098.001')],
    resources: ['authorizationPolicy'],
    remediation:
      "Set 'Users can register applications' to No (authorization policy defaultUserRolePermissions.allowedToCreateApps = false).",
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'defaultUserRolePermissions.allowedToCreateApps', [false]),
  }),
  graph({
    id: 'CIS.M365.5.1.2.3',
    title: "Ensure 'Restrict non-admin users from creating tenants' is set to 'Yes'",
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.2.3')],
    resources: ['authorizationPolicy'],
    remediation: 'Set defaultUserRolePermissions.allowedToCreateTenants = false.',
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'defaultUserRolePermissions.allowedToCreateTenants', [false]),
  }),
  graph({
    id: 'CIS.M365.5.1.3.1',
    title: 'Ensure a dynamic group for guest users is created',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [cis('5.1.3.1')],
    resources: ['groups'],
    remediation:
      'Create a dynamic security group with the rule (user.userType -eq "Guest") for guest policies.',
    evaluate(ctx) {
      const found = items(ctx.get('groups')).filter(
        (g) =>
          strings(g.groupTypes).includes('DynamicMembership') &&
          /\(\s*user\.userType\s+-eq\s+"guest"\s*\)/i.test(str(g.membershipRule) ?? '') &&
          (g.membershipRuleProcessingState === undefined || g.membershipRuleProcessingState === 'On'),
      );
      return verdict(found.length > 0, {
        guestDynamicGroups: found.map((g) => ({ id: str(g.id), displayName: str(g.displayName) })),
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.1.3.2',
    title: 'Ensure users cannot create security groups',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [cis('5.1.3.2')],
    resources: ['authorizationPolicy'],
    remediation: 'Set defaultUserRolePermissions.allowedToCreateSecurityGroups = false.',
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'defaultUserRolePermissions.allowedToCreateSecurityGroups', [
      false,
    ]),
  }),
  graph({
    id: 'CIS.M365.5.1.4.1',
    title: 'Ensure the ability to join devices to Entra is restricted',
    section: '5.1',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.4.1')],
    resources: ['deviceRegistrationPolicy'],
    remediation: "Restrict 'Users may join devices to Microsoft Entra' to selected users or none.",
    evaluate(ctx) {
      // `@odata.type` holds a dot, so it is read as a key, not through a path.
      const type = odataType(at(ctx.get('deviceRegistrationPolicy'), 'azureADJoin.allowedToJoin'));
      return verdict(type !== '#microsoft.graph.allDeviceRegistrationMembership', {
        allowedToJoin: type,
        expected: 'not allDeviceRegistrationMembership',
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.1.4.2',
    title: 'Ensure the maximum number of devices per user is limited',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [cis('5.1.4.2')],
    resources: ['deviceRegistrationPolicy'],
    remediation: "Set 'Maximum number of devices per user' to 20 or fewer.",
    evaluate(ctx) {
      const quota = at(ctx.get('deviceRegistrationPolicy'), 'userDeviceQuota');
      // The benchmark's exact limit could not be sourced; 20 is the Entra default ceiling we accept.
      return verdict(typeof quota === 'number' && quota <= 20, {
        userDeviceQuota: typeof quota === 'number' ? quota : null,
        expected: '≤ 20',
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.1.4.3',
    title: 'Ensure the GA role is not added as a local administrator during Entra join',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.4.3')],
    resources: ['deviceRegistrationPolicy'],
    remediation:
      "Turn off 'Global administrator role is added as local administrator on the device during Microsoft Entra join'.",
    evaluate: settingIs('deviceRegistrationPolicy', 'azureADJoin.localAdmins.enableGlobalAdmins', [false]),
  }),
  graph({
    id: 'CIS.M365.5.1.4.4',
    title: 'Ensure local administrator assignment is limited during Entra join',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.4.4')],
    resources: ['deviceRegistrationPolicy'],
    remediation: "Set 'Registering user is added as local administrator on the device' to None.",
    evaluate(ctx) {
      const type = odataType(
        at(ctx.get('deviceRegistrationPolicy'), 'azureADJoin.localAdmins.registeringUsers'),
      );
      return verdict(type === '#microsoft.graph.noDeviceRegistrationMembership', {
        registeringUsers: type,
        expected: '#microsoft.graph.noDeviceRegistrationMembership',
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.1.4.5',
    title: 'Ensure Local Administrator Password Solution is enabled',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.4.5')],
    resources: ['deviceRegistrationPolicy'],
    remediation: 'Enable Microsoft Entra Local Administrator Password Solution (LAPS) in device settings.',
    evaluate: settingIs('deviceRegistrationPolicy', 'localAdminPassword.isEnabled', [true]),
  }),
  graph({
    id: 'CIS.M365.5.1.4.6',
    title: 'Ensure users are restricted from recovering BitLocker keys',
    section: '5.1',
    level: 'L2',
    profile: 'E3',
    severity: 'low',
    references: [cis('5.1.4.6')],
    resources: ['authorizationPolicy'],
    remediation: 'Set defaultUserRolePermissions.allowedToReadBitlockerKeysForOwnedDevice = false.',
    remediable: true,
    evaluate: settingIs(
      'authorizationPolicy',
      'defaultUserRolePermissions.allowedToReadBitlockerKeysForOwnedDevice',
      [false],
    ),
  }),
  graph({
    id: 'CIS.M365.5.1.5.1',
    title: 'Ensure user consent to apps accessing company data on their behalf is not allowed',
    section: '5.1',
    level: 'L2',
    profile: 'E3',
    severity: 'high',
    references: [cis('5.1.5.1'), cisa('MS.AAD.5.2v1'), eidsca('AP08'), mitre('T1528')],
    resources: ['authorizationPolicy'],
    remediation:
      "Set user consent to 'Do not allow user consent' (remove the ManagePermissionGrantsForSelf.* grant policies from the default user role).",
    remediable: true,
    evaluate(ctx) {
      const assigned = strings(
        at(ctx.get('authorizationPolicy'), 'defaultUserRolePermissions.permissionGrantPoliciesAssigned'),
      );
      const selfConsent = assigned.filter((p) => p.startsWith('ManagePermissionGrantsForSelf.'));
      return verdict(selfConsent.length === 0, {
        permissionGrantPoliciesAssigned: assigned,
        selfConsentPolicies: selfConsent,
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.1.5.2',
    title: 'Ensure the admin consent workflow is enabled',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.5.2'), cisa('MS.AAD.5.3v1'), eidsca('CR01')],
    resources: ['adminConsentRequestPolicy'],
    remediation: 'Enable the admin consent workflow with reviewers, notifications and reminders.',
    remediable: true,
    evaluate(ctx) {
      const p = ctx.get('adminConsentRequestPolicy');
      const reviewers = items(at(p, 'reviewers')).length;
      return verdict(at(p, 'isEnabled') === true && reviewers > 0, {
        isEnabled: at(p, 'isEnabled') === true,
        reviewers,
        notifyReviewers: at(p, 'notifyReviewers') === true,
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.1.6.2',
    title: 'Ensure that guest user access is restricted',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.6.2'), cisa('MS.AAD.8.1v1'), eidsca('AP07')],
    resources: ['authorizationPolicy'],
    remediation:
      "Set guest user access to 'limited' or, better, 'restricted to properties and memberships of their own directory objects'.",
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'guestUserRoleId', [
      guestUserRoleIds.restrictedGuest,
      guestUserRoleIds.limitedGuest,
    ]),
  }),
  graph({
    id: 'CIS.M365.5.1.6.3',
    title: 'Ensure guest user invitations are limited to the Guest Inviter role',
    section: '5.1',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.6.3'), cisa('MS.AAD.8.2v1'), eidsca('AP04')],
    resources: ['authorizationPolicy'],
    remediation:
      "Set 'Guest invite restrictions' to admins and users in the Guest Inviter role (allowInvitesFrom = adminsAndGuestInviters).",
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'allowInvitesFrom', ['adminsAndGuestInviters', 'none']),
  }),
  graph({
    id: 'CIS.M365.5.1.8.1',
    title: 'Ensure that password hash sync is enabled for hybrid deployments',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.1.8.1')],
    resources: ['organization', 'onPremisesSynchronization'],
    remediation:
      'Enable password hash synchronisation in Entra Connect (leaked-credential detection depends on it).',
    evaluate(ctx): Outcome {
      const org = items(ctx.get('organization'))[0];
      if (org?.onPremisesSyncEnabled !== true) {
        return { status: 'not_applicable', evidence: { onPremisesSyncEnabled: false } };
      }
      const sync = items(ctx.get('onPremisesSynchronization'))[0];
      const enabled = at(sync, 'features.passwordSyncEnabled');
      return verdict(enabled === true, {
        onPremisesSyncEnabled: true,
        passwordSyncEnabled: typeof enabled === 'boolean' ? enabled : null,
        expected: true,
      });
    },
  }),
];
