// Ids Microsoft gives the same value in every tenant. One home for them, so a check, a guardrail
// and a simulator scenario can never disagree on which GUID is "Global Administrator".

/** Built-in directory role template ids (roleDefinitionId in role assignments and eligibilities). */
export const directoryRoleTemplateIds = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  /** Reads every setting an admin can, changes none: the role the admin APIs beyond Graph need for reads. */
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  complianceAdministrator: '17315797-102d-40b4-93e0-432062caca18',
  teamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
  fabricAdministrator: 'a9ea8996-122f-4c74-9520-8edcd192826c',
  /** Held by the Entra Connect sync account; conditional access policies rightly exclude it. */
  directorySynchronizationAccounts: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
} as const;

export type DirectoryRoleKey = keyof typeof directoryRoleTemplateIds;

const roleDisplayNames: Record<DirectoryRoleKey, string> = {
  globalAdministrator: 'Global Administrator',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  userAdministrator: 'User Administrator',
  sharePointAdministrator: 'SharePoint Administrator',
  exchangeAdministrator: 'Exchange Administrator',
  hybridIdentityAdministrator: 'Hybrid Identity Administrator',
  applicationAdministrator: 'Application Administrator',
  cloudApplicationAdministrator: 'Cloud Application Administrator',
  securityAdministrator: 'Security Administrator',
  conditionalAccessAdministrator: 'Conditional Access Administrator',
  authenticationAdministrator: 'Authentication Administrator',
  globalReader: 'Global Reader',
  securityReader: 'Security Reader',
  securityOperator: 'Security Operator',
  directoryReaders: 'Directory Readers',
  reportsReader: 'Reports Reader',
  intuneAdministrator: 'Intune Administrator',
  complianceAdministrator: 'Compliance Administrator',
  teamsAdministrator: 'Teams Administrator',
  fabricAdministrator: 'Fabric Administrator',
  directorySynchronizationAccounts: 'Directory Synchronization Accounts',
};

/** Display names of the roles above, by template id, for evidence when the tenant's own name is not at hand. */
export const directoryRoleNames: ReadonlyMap<string, string> = new Map(
  (Object.keys(directoryRoleTemplateIds) as DirectoryRoleKey[]).map((key) => [
    directoryRoleTemplateIds[key],
    roleDisplayNames[key],
  ]),
);

/**
 * The CISA SCuBA privileged role set (MS.AAD.7): the roles whose holders the admin checks count
 * and an admin MFA policy must cover, in SCuBA's order.
 */
export const scubaPrivilegedRoleIds: readonly string[] = [
  directoryRoleTemplateIds.globalAdministrator,
  directoryRoleTemplateIds.privilegedRoleAdministrator,
  directoryRoleTemplateIds.userAdministrator,
  directoryRoleTemplateIds.sharePointAdministrator,
  directoryRoleTemplateIds.exchangeAdministrator,
  directoryRoleTemplateIds.hybridIdentityAdministrator,
  directoryRoleTemplateIds.applicationAdministrator,
  directoryRoleTemplateIds.cloudApplicationAdministrator,
];

/** The role a tenant's authorization policy gives guests (`guestUserRoleId`). */
export const guestUserRoleIds = {
  /** Guests see only their own directory objects (the CIS 5.1.6.2 setting). */
  restrictedGuest: '2af84b1e-32c8-42b7-82bc-daa82404023b',
  /** Guests see the membership of non-hidden groups (the default). */
  limitedGuest: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
  /** Guests have the access of members. */
  sameAsMember: 'a0b1b346-4d3e-4e8b-98f8-753987be4970',
} as const;

/** Microsoft Graph's application id: the resource of every Graph app role. */
export const microsoftGraphAppId = '00000003-0000-0000-c000-000000000000';

/**
 * The application ids of Microsoft's APIs beyond Graph that the compliance audit reads: the resource
 * of their app roles, and the audience of their tokens where the service names it by id.
 */
export const microsoftApiAppIds = {
  /** Office 365 Exchange Online: Exchange Online and Security & Compliance (InvokeCommand). */
  exchangeOnline: '00000002-0000-0ff1-ce00-000000000000',
  /** Office 365 SharePoint Online: the SharePoint admin API. */
  sharePointOnline: '00000003-0000-0ff1-ce00-000000000000',
  /** Skype and Teams Tenant Admin API: the Teams admin API behind the MicrosoftTeams module. */
  teamsTenantAdmin: '48ac35b8-9aa8-4d74-927d-1f4a14a0b239',
  /** Power BI Service: the Fabric (Power BI) admin API. */
  powerBiService: '00000009-0000-0000-c000-000000000000',
} as const;

/** App role ids of those APIs' application permissions. */
export const microsoftApiAppRoleIds = {
  /** Exchange.ManageAsApp on Office 365 Exchange Online. */
  exchangeManageAsApp: 'dc50a0fb-09a3-484d-be87-e023b12c6440',
  /** Sites.FullControl.All on Office 365 SharePoint Online. */
  sharePointSitesFullControlAll: '678536fe-1083-478a-9c59-b99265e6b0d3',
} as const;
