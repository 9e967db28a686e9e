// Public API of @m365-mcp/graph-sim: an HTTPS Microsoft Graph + Entra ID simulator.

export { type DnsSim, startDnsSim } from './dns/dns-server.js';
export { type DnsFault, type DnsZone, emptyDnsZone } from './dns/dns-zone.js';
export { MAX_BATCH_REQUESTS } from './engine/batch.js';
export type { Fault, FaultInjector, FaultMatch, FaultRule, RandomFaultOptions } from './engine/faults.js';
export type { FaultKind, RequestLog, RequestLogEntry } from './engine/request-log.js';
export {
  badRequest,
  type CallerApp,
  type FileDownloads,
  GraphSimError,
  type GraphVersion,
  type HttpMethod,
  notFound,
  type ODataQuery,
  type RouteContext,
  type RouteDefinition,
  type RouteResult,
  type Workload,
} from './engine/route.js';
export type {
  ThrottleBudget,
  ThrottledWorkload,
  ThrottlingControl,
  ThrottlingMode,
} from './engine/throttling.js';
export type { SimApp, SimAppInput, SimAppRole } from './entra/apps.js';
export type { ClientCertificate } from './entra/client-certificate.js';
export { createClientCertificate } from './entra/client-certificate.js';
export { SIM_SERVICES, type SimService, serviceResourceAppIds } from './entra/resources.js';
export type { SignedInUser, SignInUserInput } from './entra/sign-in-user.js';
export { appRoleIdOf } from './permissions/catalogue.js';
export { requiredRoles } from './permissions/route-permissions.js';
export { allRoutes } from './routes/index.js';
export {
  type AppRoleAssignmentInput,
  type GraphSim,
  type GraphSimOptions,
  type IssueDownloadUrlInput,
  type IssueTokenInput,
  startGraphSim,
} from './server.js';
// Defender for Office 365 / EOP policies (served by Exchange Online) and Purview (DEFENDER-PURVIEW)
export { complianceCmdlets } from './services/compliance/cmdlets.js';
// Exchange Online (EXCHANGE): the tenant's data, its demo builders, its generator and its cmdlets.
export { exchangeCmdlets } from './services/exchange/cmdlets.js';
export { defenderCmdlets } from './services/exchange/defender-cmdlets.js';
// Fabric admin API and SharePoint admin API (FABRIC-SPO)
export { FABRIC_TENANT_SETTINGS_PAGE_SIZE, fabricHandler } from './services/fabric/handler.js';
export { SERVICE_PREFIXES, type ServiceHandlers } from './services/index.js';
export { DEFAULT_CMDLET_PAGE_SIZE } from './services/invoke-command.js';
export {
  CmdletError,
  type CmdletHandler,
  type CmdletParameters,
  type CmdletTable,
  type RestHandler,
  type RestRequest,
  type RestResult,
} from './services/service-handler.js';
export { sharepointAdminHandler } from './services/sharepoint-admin/handler.js';
// Teams admin API (Skype.Policy configurations): the tenant's data, its generator and its answers.
export { teamsHandler } from './services/teams/handler.js';
export type { ComplianceData } from './tenant/compliance.js';
export type {
  AntiPhishPolicy,
  AntiPhishRule,
  AtpPolicyForO365,
  AtpProtectionPolicyRule,
  DefenderData,
  EopProtectionPolicyRule,
  HostedConnectionFilterPolicy,
  HostedContentFilterPolicy,
  HostedOutboundSpamFilterPolicy,
  MalwareFilterPolicy,
  MalwareFilterRule,
  RecipientConditions,
  ReportSubmissionPolicy,
  SafeAttachmentPolicy,
  SafeAttachmentRule,
  SafeLinksPolicy,
  SafeLinksRule,
  TeamsProtectionPolicy,
} from './tenant/defender.js';
export {
  CIS_ANTI_PHISH_SETTINGS,
  CIS_SAFE_LINKS_SETTINGS,
  DEFAULT_FILE_TYPES,
  demoDefender,
} from './tenant/demo/defender.js';
export { demoAppIds } from './tenant/demo/directory/applications.js';
export {
  adminRolesRequiringMfa,
  demoConditionalAccessIds,
  demoNamedLocationIds,
} from './tenant/demo/directory/conditionalAccess.js';
export { demoGroupIds } from './tenant/demo/directory/groups.js';
export {
  type EntraIdLicence,
  hasEntraIdP1,
  hasEntraIdP2,
  setEntraIdLicence,
} from './tenant/demo/directory/licences.js';
export { directoryPeople, type RegisteredMethod } from './tenant/demo/directory/users.js';
// The simulator's own copy of Microsoft's well-known ids: graph-sim depends on nothing of ours, so
// it states what Microsoft's Graph would hold rather than importing graph-core's.
export {
  graphAppRoleIds,
  guestRoleIds,
  MICROSOFT_GRAPH_APP_ID,
  roleTemplateIds,
  servicePlans,
  skuIds,
} from './tenant/demo/directory/wellKnown.js';
export { adminUserIds, demoDirectory } from './tenant/demo/directory.js';
export { demoDnsZone, dkimTarget, MICROSOFT_SPF } from './tenant/demo/dns.js';
export {
  DEFAULT_OWA_POLICY,
  DEFAULT_ROLE_ASSIGNMENT_POLICY,
  DEFAULT_ROLE_ASSIGNMENT_ROLES,
  DEFAULT_SHARING_POLICY,
  defaultAuditActions,
  demoExchange,
  extendedAuditActions,
  type MailboxOptions,
  mailboxOf,
} from './tenant/demo/exchange.js';
export { demoFabric, fabricSetting } from './tenant/demo/fabric.js';
export { createDemoTenant, type DemoTenantOptions } from './tenant/demo/index.js';
export { CONTOSO_TENANT_ID, type DemoPerson, type DemoPersonKey, demoPeople } from './tenant/demo/people.js';
export { demoPurview } from './tenant/demo/purview.js';
export { DEMO_CONTROLS, type DemoControl } from './tenant/demo/security/control-profiles.js';
export { DEMO_ATTACK_INCIDENT_ID } from './tenant/demo/security/incidents.js';
export { demoScoreOn } from './tenant/demo/security/secure-scores.js';
export { DEMO_APPS, PLANTED_CARD_NUMBERS, PLANTED_IBANS } from './tenant/demo/sharepoint/index.js';
export { demoSharePointAdmin } from './tenant/demo/sharepoint-admin.js';
export { demoSignInUsers } from './tenant/demo/sign-in-users.js';
export type {
  ActiveRoleAssignment,
  DirectoryData,
  DirectoryPolicies,
  GraphEntity,
  GraphGroup,
  GraphUser,
  RoleDefinition,
  RoleEligibility,
  UserRegistrationDetails,
} from './tenant/directory.js';
export type {
  ExchangeData,
  ExoAdminAuditLogConfig,
  ExoExternalInOutlook,
  ExoMailbox,
  ExoMailboxAuditBypassAssociation,
  ExoOrganizationConfig,
  ExoOwaMailboxPolicy,
  ExoRoleAssignmentPolicy,
  ExoSharingPolicy,
  ExoTransportConfig,
  ExoTransportRule,
  RecipientTypeDetails,
} from './tenant/exchange.js';
export type {
  FabricData,
  FabricSecurityGroup,
  FabricTenantSetting,
  FabricTenantSettingProperty,
  FabricTenantSettingPropertyType,
} from './tenant/fabric.js';
export { type GenerateDefenderOptions, generateDefender } from './tenant/generate/defender.js';
export { type GenerateDirectoryOptions, generateDirectory } from './tenant/generate/directory.js';
export { type GenerateExchangeOptions, generateExchange } from './tenant/generate/exchange.js';
export { type GenerateFabricOptions, generateFabric } from './tenant/generate/fabric.js';
export { type GeneratePurviewOptions, generatePurview } from './tenant/generate/purview.js';
export { type GenerateSharePointOptions, generateSharePoint } from './tenant/generate/sharepoint.js';
export {
  type GenerateSharePointAdminOptions,
  generateSharePointAdmin,
} from './tenant/generate/sharepoint-admin.js';
export { type GenerateTeamsOptions, generateTeams } from './tenant/generate/teams.js';
export { type GenerateTenantOptions, generateTenant } from './tenant/generate/tenant.js';
export type { Tenant } from './tenant/model.js';
export type { DlpCompliancePolicy, LabelPolicy, PurviewData } from './tenant/purview.js';
export type {
  AlertComment,
  AlertEvidence,
  ControlScore,
  SecureScore,
  SecureScoreControlProfile,
  SecurityAlert,
  SecurityData,
  SecurityIncident,
} from './tenant/security.js';
export { sharingLinkUrl } from './tenant/sharepoint/build.js';
export {
  appGrant,
  everyoneExceptExternalUsers,
  type LinkOptions,
  type SharePointPrincipal,
  sharingLink,
  siteGroups,
  userGrant,
} from './tenant/sharepoint/permissions.js';
export type {
  GraphPermission,
  SharePointData,
  SharePointSettings,
  SimDrive,
  SimDriveItem,
  SimIdentity,
  SimSite,
} from './tenant/sharepoint.js';
export {
  AnonymousLinkType,
  type SharePointAdminData,
  SharingCapabilities,
  SharingDomainRestrictionModes,
  SharingLinkType,
  SharingPermissionType,
} from './tenant/sharepoint-admin.js';
export type {
  AutoAdmittedUsers,
  DesignatedPresenterRoleMode,
  FederationDomain,
  MeetingChatEnabledType,
  TeamsAppPermissionPolicy,
  TeamsCatalogApp,
  TeamsClientConfiguration,
  TeamsConfigurationName,
  TeamsData,
  TeamsMeetingPolicy,
  TeamsMessagingPolicy,
  TenantFederationSettings,
} from './tenant/teams.js';
// Many tenants in one simulator: consents of a multi-tenant app, per tenant.
export type { ConsentGrants } from './tenants/consent.js';
export type { TenantGrant } from './tenants/hosted-tenants.js';
