import type { Tenant } from '@m365-mcp/graph-sim';
import { demoConditionalAccessIds, dkimTarget, MICROSOFT_SPF } from '@m365-mcp/graph-sim';
import { defenderScenarios } from './defender-scenarios.js';
import { exchangeScenarios } from './exchange-scenarios.js';
import { fabricScenarios } from './fabric-scenarios.js';
import { purviewScenarios } from './purview-scenarios.js';
import type { ControlScenario } from './scenario-row.js';
import { sharePointAdminScenarios } from './sharepoint-admin-scenarios.js';
import { teamsScenarios } from './teams-scenarios.js';
import {
  addCaPolicy,
  approvalRule,
  authz,
  BREAK_GLASS,
  caPolicyById,
  deviceJoin,
  GLOBAL_ADMIN,
  type Json,
  json,
  method,
  PRIVILEGED_ROLE_ADMIN,
  passwordRule,
  removeGlobalAdmin,
  sharepoint,
  userId,
  userPermissions,
} from './tenant-edits.js';

export type { ControlScenario, EvidenceCheck } from './scenario-row.js';

// The rows of the Graph-evaluated controls (the row's shape: scenario-row.ts), then each admin API's.

const PHISHING_RESISTANT = '00000000-0000-0000-0000-000000000004';
const INTUNE_ENROLLMENT = 'd4ebce55-015a-49b5-a083-c84d1797ae8c';
const THIRD_PARTY_STORAGE = 'c1f33bc0-bdb4-4248-ba9b-096807ddb43e';

const noMatch = { matchingPolicies: [] };
const matches =
  (id: string) =>
  (evidence: Json): boolean =>
    (evidence.matchingPolicies as Json[]).some((p) => p.id === id);
const disableAllCa = (t: Tenant) => {
  for (const p of t.directory.conditionalAccessPolicies) p.state = 'disabled';
};

export const controlScenarios: ControlScenario[] = [
  // Section 1: admin accounts, groups, org settings.
  {
    id: 'CIS.M365.1.1.1',
    failEvidence: { synchronisedAdmins: ['ChristieC@contoso.com'] },
    pass: (t) => {
      for (const u of t.directory.users) u.onPremisesSyncEnabled = null;
    },
    passEvidence: { synchronisedAdmins: [] },
  },
  {
    id: 'CIS.M365.1.1.2',
    fail: (t) => {
      const bg2 = t.directory.users.find((u) => u.id === BREAK_GLASS[1]);
      if (bg2) bg2.accountEnabled = false;
    },
    failEvidence: { healthyAccounts: 1, required: 2 },
    passEvidence: { healthyAccounts: 2 },
  },
  {
    id: 'CIS.M365.1.1.3',
    failEvidence: { globalAdmins: 5 },
    pass: (t) => removeGlobalAdmin(t, userId(t, 'john_fabrikam')),
    passEvidence: { globalAdmins: 4 },
  },
  {
    id: 'CIS.M365.1.1.4',
    failEvidence: (e) => (e.adminsWithProductivityLicences as string[]).includes('MeganB@contoso.com'),
    pass: (t) => {
      for (const u of t.directory.users) u.assignedLicenses = [];
    },
    passEvidence: { adminsWithProductivityLicences: [] },
  },
  {
    id: 'CIS.M365.1.2.1',
    failEvidence: { publicGroups: 2 },
    pass: (t) => {
      for (const g of t.directory.groups) json(g).visibility = 'Private';
    },
    passEvidence: { publicGroups: 0, unapprovedPublicGroups: [] },
  },
  {
    id: 'CIS.M365.1.3.1',
    failEvidence: { domainsWithExpiry: [{ id: 'fabrikam-legacy.contoso.com', days: 90 }] },
    pass: (t) => {
      for (const d of t.directory.domains) d.passwordValidityPeriodInDays = 2147483647;
    },
    passEvidence: { domainsWithExpiry: [] },
  },
  {
    id: 'CIS.M365.1.3.4',
    failEvidence: { isOfficeStoreEnabled: true },
    pass: (t) => {
      t.compliance.appsAndServicesSettings = {
        isOfficeStoreEnabled: false,
        isAppAndServicesTrialEnabled: false,
      };
    },
    passEvidence: { isOfficeStoreEnabled: false, isAppAndServicesTrialEnabled: false },
  },
  {
    id: 'CIS.M365.1.3.5',
    failEvidence: { isInOrgFormsPhishingScanEnabled: false },
    pass: (t) => {
      t.compliance.formsSettings.isInOrgFormsPhishingScanEnabled = true;
    },
    passEvidence: { isInOrgFormsPhishingScanEnabled: true },
  },
  {
    id: 'CIS.M365.1.3.7',
    failEvidence: { servicePrincipalExists: false },
    pass: (t) => {
      t.directory.servicePrincipals.push({
        id: 'scenario-third-party-storage',
        appId: THIRD_PARTY_STORAGE,
        displayName: 'Office 365 third party storage',
        accountEnabled: false,
      });
    },
    passEvidence: { servicePrincipalExists: true, accountEnabled: false },
  },
  // Section 2: Safe Links and Safe Attachments, the policy that reaches the organisation (Exchange Online).
  {
    id: 'CIS.M365.2.1.1',
    fail: (t) => {
      const custom = t.defender.safeLinksPolicies.find((p) => p.Name === 'Contoso Safe Links');
      if (custom) Object.assign(custom, { AllowClickThrough: true, EnableSafeLinksForTeams: false });
    },
    failEvidence: {
      effectivePolicy: 'Contoso Safe Links',
      settingsNotAsCis: { AllowClickThrough: true, EnableSafeLinksForTeams: false },
    },
    passEvidence: {
      effectivePolicy: 'Contoso Safe Links',
      appliesTo: 'recipients in contoso.com',
      settingsNotAsCis: {},
    },
  },
  {
    id: 'CIS.M365.2.1.4',
    fail: (t) => {
      t.defender.safeAttachmentPolicies.push({
        Identity: 'Monitor only',
        Name: 'Monitor only',
        Guid: '5f0c1b2a-0000-4000-8000-000000000214',
        IsBuiltInProtection: false,
        RecommendedPolicyType: 'Custom',
        Enable: false,
        Action: 'Allow',
        QuarantineTag: 'AdminOnlyAccessPolicy',
      });
      t.defender.safeAttachmentRules.push({
        Identity: 'Monitor only',
        Name: 'Monitor only',
        Guid: '5f0c1b2a-0000-4000-8000-000000000215',
        State: 'Enabled',
        Priority: 0,
        SafeAttachmentPolicy: 'Monitor only',
        SentTo: null,
        SentToMemberOf: null,
        RecipientDomainIs: ['contoso.com'],
        ExceptIfSentTo: null,
        ExceptIfSentToMemberOf: null,
        ExceptIfRecipientDomainIs: null,
      });
    },
    failEvidence: { effectivePolicy: 'Monitor only', settingsNotAsCis: { Enable: false, Action: 'Allow' } },
    passEvidence: {
      effectivePolicy: 'Built-In Protection Policy',
      via: 'built-in protection',
      settingsNotAsCis: {},
    },
  },
  // Section 5.1: authorization policy, groups, devices, consent, guests, sync.
  // Section 2.1 in DNS: the demo's records (graph-sim's DNS server) for the domains /domains lists.
  {
    id: 'CIS.M365.2.1.8',
    failEvidence: { failingDomains: ['fabrikam-legacy.contoso.com'] },
    pass: (t) => {
      t.dns.txt['fabrikam-legacy.contoso.com']?.push(MICROSOFT_SPF);
    },
    passEvidence: { failingDomains: [], lookupsFailed: [] },
  },
  {
    id: 'CIS.M365.2.1.9',
    failEvidence: (e) =>
      JSON.stringify(e.failingDomains) === '["fabrikam-legacy.contoso.com"]' &&
      (e.domains as Json[]).some((d) => d.problem === 'no selector2._domainkey CNAME'),
    pass: (t) => {
      t.dns.cname['selector2._domainkey.fabrikam-legacy.contoso.com'] = dkimTarget(
        'selector2',
        'fabrikam-legacy.contoso.com',
        t.initialDomain,
      );
    },
    // The initial domain is Microsoft's own: DKIM is checked for the two custom domains.
    passEvidence: (e) =>
      JSON.stringify((e.domains as Json[]).map((d) => d.domain)) ===
        '["contoso.com","fabrikam-legacy.contoso.com"]' && (e.failingDomains as string[]).length === 0,
  },
  {
    id: 'CIS.M365.2.1.10',
    failEvidence: { failingDomains: ['contoso.com', 'fabrikam-legacy.contoso.com'] },
    pass: (t) => {
      t.dns.txt['_dmarc.contoso.com'] = ['v=DMARC1; p=reject; rua=mailto:dmarc-reports@contoso.com'];
    },
    passEvidence: (e) =>
      (e.failingDomains as string[]).length === 0 &&
      (e.domains as Json[]).some(
        (d) => d.domain === 'fabrikam-legacy.contoso.com' && d.inheritedFrom === 'contoso.com',
      ),
  },
  {
    id: 'CIS.M365.5.1.2.2',
    failEvidence: { actual: true },
    pass: (t) => {
      userPermissions(t).allowedToCreateApps = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.5.1.2.3',
    failEvidence: { actual: true },
    pass: (t) => {
      userPermissions(t).allowedToCreateTenants = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.5.1.3.1',
    failEvidence: { guestDynamicGroups: [] },
    pass: (t) => {
      t.directory.groups.push({
        id: 'scenario-guests',
        displayName: 'All guests',
        groupTypes: ['DynamicMembership'],
        securityEnabled: true,
        mailEnabled: false,
        membershipRule: '(user.userType -eq "Guest")',
        membershipRuleProcessingState: 'On',
      } as never);
    },
    passEvidence: { guestDynamicGroups: [{ displayName: 'All guests' }] },
  },
  {
    id: 'CIS.M365.5.1.3.2',
    failEvidence: { actual: true },
    pass: (t) => {
      userPermissions(t).allowedToCreateSecurityGroups = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.5.1.4.1',
    failEvidence: { allowedToJoin: '#microsoft.graph.allDeviceRegistrationMembership' },
    pass: (t) => {
      deviceJoin(t).allowedToJoin = {
        '@odata.type': '#microsoft.graph.enumeratedDeviceRegistrationMembership',
        users: [],
        groups: [],
      };
    },
    passEvidence: { allowedToJoin: '#microsoft.graph.enumeratedDeviceRegistrationMembership' },
  },
  {
    id: 'CIS.M365.5.1.4.2',
    failEvidence: { userDeviceQuota: 50 },
    pass: (t) => {
      json(t.directory.policies.deviceRegistrationPolicy).userDeviceQuota = 10;
    },
    passEvidence: { userDeviceQuota: 10 },
  },
  {
    id: 'CIS.M365.5.1.4.3',
    failEvidence: { actual: true },
    pass: (t) => {
      json(deviceJoin(t).localAdmins).enableGlobalAdmins = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.5.1.4.4',
    failEvidence: { registeringUsers: '#microsoft.graph.allDeviceRegistrationMembership' },
    pass: (t) => {
      json(deviceJoin(t).localAdmins).registeringUsers = {
        '@odata.type': '#microsoft.graph.noDeviceRegistrationMembership',
      };
    },
    passEvidence: { registeringUsers: '#microsoft.graph.noDeviceRegistrationMembership' },
  },
  {
    id: 'CIS.M365.5.1.4.5',
    failEvidence: { actual: false },
    pass: (t) => {
      json(json(t.directory.policies.deviceRegistrationPolicy).localAdminPassword).isEnabled = true;
    },
    passEvidence: { actual: true },
  },
  {
    id: 'CIS.M365.5.1.4.6',
    failEvidence: { actual: true },
    pass: (t) => {
      userPermissions(t).allowedToReadBitlockerKeysForOwnedDevice = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.5.1.5.1',
    failEvidence: { selfConsentPolicies: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'] },
    pass: (t) => {
      userPermissions(t).permissionGrantPoliciesAssigned = [];
    },
    passEvidence: { selfConsentPolicies: [] },
  },
  {
    id: 'CIS.M365.5.1.5.2',
    failEvidence: { isEnabled: false, reviewers: 0 },
    pass: (t) => {
      Object.assign(t.directory.policies.adminConsentRequestPolicy, {
        isEnabled: true,
        notifyReviewers: true,
        reviewers: [{ query: `/users/${BREAK_GLASS[0]}`, queryType: 'MicrosoftGraph' }],
      });
    },
    passEvidence: { isEnabled: true, reviewers: 1 },
  },
  {
    id: 'CIS.M365.5.1.6.2',
    fail: (t) => {
      authz(t).guestUserRoleId = 'a0b1b346-4d3e-4e8b-98f8-753987be4970';
    },
    failEvidence: { actual: 'a0b1b346-4d3e-4e8b-98f8-753987be4970' },
    passEvidence: { actual: '10dae51f-b6af-4016-8d66-8c2a99b929b3' },
  },
  {
    id: 'CIS.M365.5.1.6.3',
    failEvidence: { actual: 'everyone' },
    pass: (t) => {
      authz(t).allowInvitesFrom = 'adminsAndGuestInviters';
    },
    passEvidence: { actual: 'adminsAndGuestInviters' },
  },
  {
    id: 'CIS.M365.5.1.8.1',
    fail: (t) => {
      json(t.directory.onPremisesSynchronization[0]?.features).passwordSyncEnabled = false;
    },
    failEvidence: { onPremisesSyncEnabled: true, passwordSyncEnabled: false },
    passEvidence: { onPremisesSyncEnabled: true, passwordSyncEnabled: true },
  },
  // Section 5.2: conditional access (break-glass exclusions are approved in demo runs).
  {
    id: 'CIS.M365.5.2.2.1',
    fail: disableAllCa,
    failEvidence: noMatch,
    passEvidence: matches(demoConditionalAccessIds.mfaAdmins),
  },
  {
    id: 'CIS.M365.5.2.2.2',
    failEvidence: noMatch,
    pass: (t) => {
      caPolicyById(t, demoConditionalAccessIds.mfaAllUsers).state = 'enabled';
    },
    passEvidence: matches(demoConditionalAccessIds.mfaAllUsers),
  },
  {
    id: 'CIS.M365.5.2.2.3',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.3', {
        grant: ['block'],
        conditions: { clientAppTypes: ['exchangeActiveSync', 'other'] },
      }),
    passEvidence: matches('scenario-5.2.2.3'),
  },
  {
    id: 'CIS.M365.5.2.2.4',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.4', {
        grant: ['mfa'],
        sessionControls: {
          signInFrequency: { isEnabled: true, type: 'hours', value: 4, frequencyInterval: 'timeBased' },
          persistentBrowser: { isEnabled: true, mode: 'never' },
        },
      }),
    passEvidence: matches('scenario-5.2.2.4'),
  },
  {
    id: 'CIS.M365.5.2.2.5',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.5', {
        grantControls: { authenticationStrength: { id: PHISHING_RESISTANT } },
      }),
    passEvidence: matches('scenario-5.2.2.5'),
  },
  {
    id: 'CIS.M365.5.2.2.6',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.6', {
        grant: ['mfa', 'passwordChange'],
        conditions: { userRiskLevels: ['high'] },
      }),
    passEvidence: matches('scenario-5.2.2.6'),
  },
  {
    // The demo's sign-in risk policy excludes the Sales group: that, not break-glass, is the gap.
    id: 'CIS.M365.5.2.2.7',
    failEvidence: noMatch,
    pass: (t) => {
      json(json(caPolicyById(t, demoConditionalAccessIds.signInRisk).conditions).users).excludeGroups = [];
    },
    passEvidence: matches(demoConditionalAccessIds.signInRisk),
  },
  {
    id: 'CIS.M365.5.2.2.8',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.8', {
        grant: ['block'],
        conditions: { signInRiskLevels: ['medium', 'high'] },
      }),
    passEvidence: matches('scenario-5.2.2.8'),
  },
  {
    id: 'CIS.M365.5.2.2.9',
    failEvidence: noMatch,
    pass: (t) => addCaPolicy(t, 'scenario-5.2.2.9', { grant: ['compliantDevice'] }),
    passEvidence: matches('scenario-5.2.2.9'),
  },
  {
    id: 'CIS.M365.5.2.2.10',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.10', {
        grant: ['compliantDevice'],
        applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] },
      }),
    passEvidence: matches('scenario-5.2.2.10'),
  },
  {
    id: 'CIS.M365.5.2.2.11',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.11', {
        grant: ['mfa'],
        applications: { includeApplications: [INTUNE_ENROLLMENT] },
        sessionControls: { signInFrequency: { isEnabled: true, frequencyInterval: 'everyTime' } },
      }),
    passEvidence: matches('scenario-5.2.2.11'),
  },
  {
    id: 'CIS.M365.5.2.2.12',
    failEvidence: noMatch,
    pass: (t) =>
      addCaPolicy(t, 'scenario-5.2.2.12', {
        grant: ['block'],
        conditions: { authenticationFlows: { transferMethods: 'deviceCodeFlow,authenticationTransfer' } },
      }),
    passEvidence: matches('scenario-5.2.2.12'),
  },
  {
    id: 'CIS.M365.5.2.3.1',
    failEvidence: { displayAppInformationRequiredState: 'default (all_users)' },
    pass: (t) => {
      const features = json(method(t, 'MicrosoftAuthenticator').featureSettings);
      for (const name of ['displayAppInformationRequiredState', 'displayLocationInformationRequiredState']) {
        json(features[name]).state = 'enabled';
      }
    },
    passEvidence: {
      numberMatching: 'always on (enforced by Microsoft)',
      displayAppInformationRequiredState: 'enabled (all_users)',
      displayLocationInformationRequiredState: 'enabled (all_users)',
    },
  },
  {
    id: 'CIS.M365.5.2.3.2',
    failEvidence: { EnableBannedPasswordCheck: 'False', bannedPasswordCount: 0 },
    pass: (t) => {
      passwordRule(t, 'EnableBannedPasswordCheck', 'True');
      passwordRule(t, 'BannedPasswordList', 'contoso\tfabrikam\tseattle');
    },
    passEvidence: { EnableBannedPasswordCheck: 'True', bannedPasswordCount: 3 },
  },
  {
    id: 'CIS.M365.5.2.3.3',
    failEvidence: { BannedPasswordCheckOnPremisesMode: 'Audit' },
    pass: (t) => passwordRule(t, 'BannedPasswordCheckOnPremisesMode', 'Enforce'),
    passEvidence: {
      EnableBannedPasswordCheckOnPremises: 'True',
      BannedPasswordCheckOnPremisesMode: 'Enforce',
    },
  },
  {
    id: 'CIS.M365.5.2.3.4',
    failEvidence: { notMfaCapable: 2, examples: ['AlexW@contoso.com', 'PradeepG@contoso.com'] },
    pass: (t) => {
      for (const r of t.directory.userRegistrationDetails) r.isMfaCapable = true;
    },
    passEvidence: { notMfaCapable: 0 },
  },
  {
    id: 'CIS.M365.5.2.3.5',
    failEvidence: { Sms: 'enabled', Voice: 'enabled' },
    pass: (t) => {
      method(t, 'Sms').state = 'disabled';
      method(t, 'Voice').state = 'disabled';
    },
    passEvidence: { Sms: 'disabled', Voice: 'disabled' },
  },
  {
    id: 'CIS.M365.5.2.3.7',
    fail: (t) => {
      method(t, 'Email').state = 'enabled';
    },
    failEvidence: { Email: 'enabled' },
    passEvidence: { Email: 'disabled' },
  },
  // Section 5.3: PIM and access reviews.
  {
    id: 'CIS.M365.5.3.1',
    failEvidence: (e) => Number(e.permanentPrivilegedAssignments) > 0,
    pass: (t) => {
      for (const a of t.directory.roleAssignments) {
        if (!BREAK_GLASS.includes(a.principalId)) a.endDateTime = '2099-01-01T00:00:00Z';
      }
    },
    passEvidence: { permanentPrivilegedAssignments: 0, principals: [] },
  },
  {
    id: 'CIS.M365.5.3.2',
    failEvidence: { guestReviews: [] },
    pass: (t) => {
      t.compliance.accessReviewDefinitions.push({
        id: 'scenario-guest-review',
        displayName: 'Guests in Microsoft 365 groups',
        status: 'InProgress',
        scope: {
          '@odata.type': '#microsoft.graph.accessReviewQueryScope',
          query:
            "/groups/{id}/transitiveMembers/microsoft.graph.user/?$count=true&$filter=(userType eq 'Guest')",
          queryType: 'MicrosoftGraph',
        },
        reviewers: [{ query: './manager', queryType: 'MicrosoftGraph' }],
      });
    },
    passEvidence: { guestReviews: ['Guests in Microsoft 365 groups'] },
  },
  {
    id: 'CIS.M365.5.3.3',
    fail: (t) => {
      for (const d of t.compliance.accessReviewDefinitions) d.status = 'Completed';
    },
    failEvidence: { roleReviews: [] },
    passEvidence: { roleReviews: ['Quarterly review of Global Administrators'] },
  },
  {
    id: 'CIS.M365.5.3.4',
    failEvidence: { role: 'Global Administrator', isApprovalRequired: false },
    pass: (t) => {
      Object.assign(approvalRule(t, GLOBAL_ADMIN), structuredClone(approvalRule(t, PRIVILEGED_ROLE_ADMIN)));
    },
    passEvidence: { role: 'Global Administrator', isApprovalRequired: true, primaryApprovers: 1 },
  },
  {
    id: 'CIS.M365.5.3.5',
    fail: (t) => {
      approvalRule(t, PRIVILEGED_ROLE_ADMIN).isApprovalRequired = false;
    },
    failEvidence: { role: 'Privileged Role Administrator', isApprovalRequired: false },
    passEvidence: { isApprovalRequired: true, primaryApprovers: 1 },
  },
  // Section 7: SharePoint.
  {
    id: 'CIS.M365.7.2.1',
    failEvidence: { actual: true },
    pass: (t) => {
      sharepoint(t).isLegacyAuthProtocolsEnabled = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.7.2.3',
    failEvidence: { actual: 'externalUserAndGuestSharing' },
    pass: (t) => {
      sharepoint(t).sharingCapability = 'existingExternalUserSharingOnly';
    },
    passEvidence: { actual: 'existingExternalUserSharingOnly' },
  },
  {
    id: 'CIS.M365.7.2.5',
    failEvidence: { actual: true },
    pass: (t) => {
      sharepoint(t).isResharingByExternalUsersEnabled = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'CIS.M365.7.2.6',
    failEvidence: { sharingDomainRestrictionMode: 'none' },
    pass: (t) => {
      Object.assign(sharepoint(t), {
        sharingDomainRestrictionMode: 'allowList',
        sharingAllowedDomainList: ['fabrikam.com'],
      });
    },
    passEvidence: { sharingDomainRestrictionMode: 'allowList', allowedDomains: 1 },
  },
  {
    id: 'CIS.M365.7.3.2',
    failEvidence: { isUnmanagedSyncAppForTenantRestricted: false },
    pass: (t) => {
      Object.assign(sharepoint(t), {
        isUnmanagedSyncAppForTenantRestricted: true,
        allowedDomainGuidsForSyncApp: ['3b4b6d4e-1d2c-4a0b-9d0e-1a2b3c4d5e6f'],
      });
    },
    passEvidence: { isUnmanagedSyncAppForTenantRestricted: true, allowedDomainGuids: 1 },
  },
  // CISA SCuBA / EIDSCA extras.
  {
    id: 'CISA.MS.AAD.3.4',
    failEvidence: { actual: 'migrationInProgress' },
    pass: (t) => {
      json(t.directory.policies.authenticationMethodsPolicy).policyMigrationState = 'migrationComplete';
    },
    passEvidence: { actual: 'migrationComplete' },
  },
  {
    id: 'CISA.MS.AAD.8.3',
    failEvidence: { usersAndGroups: 'allowed' },
    pass: (t) => {
      t.directory.policies.crossTenantAccessPolicyDefault.b2bCollaborationInbound = {
        usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
        applications: {
          accessType: 'blocked',
          targets: [{ target: 'AllApplications', targetType: 'application' }],
        },
      };
    },
    passEvidence: { usersAndGroups: 'blocked', applications: 'blocked' },
  },
  {
    id: 'EIDSCA.AP05',
    failEvidence: { actual: true },
    pass: (t) => {
      authz(t).allowedToSignUpEmailBasedSubscriptions = false;
    },
    passEvidence: { actual: false },
  },
  {
    id: 'EIDSCA.AP06',
    fail: (t) => {
      authz(t).allowEmailVerifiedUsersToJoinOrganization = true;
    },
    failEvidence: { actual: true },
    passEvidence: { actual: false },
  },
  {
    id: 'EIDSCA.PR05',
    fail: (t) => passwordRule(t, 'LockoutThreshold', '50'),
    failEvidence: { LockoutThreshold: 50 },
    passEvidence: { LockoutDurationInSeconds: 60, LockoutThreshold: 10 },
  },
  // The admin APIs beyond Graph: each service's rows in its own file.
  ...exchangeScenarios,
  ...defenderScenarios,
  ...purviewScenarios,
  ...sharePointAdminScenarios,
  ...teamsScenarios,
  ...fabricScenarios,
];
