// Identifiers that are the same in every Microsoft tenant: built-in role template ids, licence SKU
// and service plan ids, Microsoft Graph's app id and the app role ids of its application
// permissions (checked against src/permissions/catalogue.generated.json by a test).

export const roleTemplateIds = {
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
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  teamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
  complianceAdministrator: '17315797-102d-40b4-93e0-432062caca18',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  serviceSupportAdministrator: 'f023fd81-a637-4b56-95fd-791ac0226033',
} as const;

/** The guest user role ids `authorizationPolicy.guestUserRoleId` takes, most to least permissive. */
export const guestRoleIds = {
  sameAsMembers: 'a0b1b346-4d3e-4e8b-98f8-753987be4970',
  limited: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
  restricted: '2af84b1e-32c8-42b7-82bc-daa82404023b',
} as const;

export const skuIds = {
  microsoft365E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  microsoft365E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  entraIdP2: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
  entraIdP1: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
  microsoft365BusinessBasic: '3b555118-da6a-4418-894f-7df1e2096870',
} as const;

export const servicePlans = {
  AAD_PREMIUM: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  AAD_PREMIUM_P2: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
  MFA_PREMIUM: '8a256a2b-b617-496d-b51b-e76466e88db0',
  EXCHANGE_S_ENTERPRISE: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  EXCHANGE_S_STANDARD: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  SHAREPOINTENTERPRISE: '5dbe027f-2339-4123-9542-606e4d348a72',
  SHAREPOINTSTANDARD: 'c7699d2e-19aa-44de-8edf-1736da088ca1',
  TEAMS1: '57ff2da0-773e-42df-b2af-ffb7a2317929',
  OFFICESUBSCRIPTION: '43de0ff5-c92c-492b-9116-175376d08c38',
  ATP_ENTERPRISE: 'f20fedf3-f3c3-43c3-8267-2bfdd51c0939',
  THREAT_INTELLIGENCE: '8e0c0a52-6a6c-4d40-8370-dd62790dcd70',
} as const;

export type ServicePlanName = keyof typeof servicePlans;

export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** The tenant id that owns Microsoft's first-party apps. */
export const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** App role ids of the Microsoft Graph application permissions the demo apps hold or ask for. */
export const graphAppRoleIds = {
  'Directory.ReadWrite.All': '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
  'Sites.Read.All': '332a536c-c7ef-4017-ab91-336970924f0d',
  'AuditLog.Read.All': 'b0afded3-3588-46d8-8b3d-9842eff778da',
} as const;

export type GraphAppRoleName = keyof typeof graphAppRoleIds;

/** Delegated permission (scope) ids of Microsoft Graph the demo apps ask for. */
export const graphScopeIds = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  openid: '37f7f235-527c-4136-accd-4a02d197296e',
  profile: '14dad69e-099b-42c9-810b-d002981feec1',
} as const;
