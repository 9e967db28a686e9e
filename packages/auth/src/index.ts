// Public API of @m365-mcp/auth.
export { isMicrosoftAuthority } from './authority.js';
export { checkPermissions, type PermissionCheckReport } from './check-permissions.js';
export { checkServices, type ServiceCheck, type SignedInApp } from './check-services.js';
export { type BroaderGrant, compareRoles, type RoleComparison } from './compare-roles.js';
export {
  type CredentialFromEnvironmentOptions,
  credentialFromEnvironment,
  type EnvironmentCredential,
} from './credential-from-environment.js';
export {
  checkDelegated,
  type DelegatedCheckReport,
  type DelegatedPermissionCheck,
  readMyDirectoryRoles,
} from './delegated/check-delegated.js';
export { type DelegatedRequirement, delegatedRequirements } from './delegated/delegated-requirements.js';
export { type DelegatedScope, delegatedScope } from './delegated/delegated-scopes.js';
export { builtInRoles, directoryRolesFor } from './delegated/directory-roles.js';
export { formatDelegatedCheck } from './delegated/format-delegated-check.js';
export { formatDelegatedPermissions } from './delegated/format-delegated-permissions.js';
export {
  type OnBehalfOfOptions,
  onBehalfOfCredential,
  type ServerAppCredentials,
  type ServerAppProof,
  serverAppCredentialsFromEnv,
} from './delegated/on-behalf-of-credential.js';
export {
  isUserSignIn,
  SIGN_IN_VARIABLE,
  type SignInMode,
  signInModeFromEnv,
  type UserSignInMode,
} from './delegated/sign-in.js';
export {
  graphCommandLineToolsClientId,
  type UserSignInCredential,
  type UserSignInOptions,
  userSignInCredential,
} from './delegated/user-sign-in-credential.js';
export { decodeUserToken, type UserToken } from './delegated/user-token.js';
export {
  type CredentialKind,
  type CredentialSettings,
  credentialSettingsFromEnv,
  credentialVariables,
} from './environment.js';
export { ConfigurationError } from './errors.js';
export { formatPermissionCheck } from './format-permission-check.js';
export { formatPermissions } from './format-permissions.js';
export { type ServicePermissionView, servicePermissionViews } from './format-service-permissions.js';
export { GivenTokenCredential } from './given-token-credential.js';
export type { SecretReader, SecretReaderFactory } from './key-vault.js';
export {
  type DirectoryRoleRequirement,
  definePermissions,
  type PermissionAccess,
  type PermissionEntry,
  type PermissionManifest,
  type PermissionRequirement,
  permissionsFor,
  type RequiredResourceAccess,
  requiredResourceAccess,
  type ServiceRequirement,
} from './manifest.js';
export { refusesClientSecrets, serviceDisplayName } from './service-facts.js';
export { serviceTokenScope } from './service-scopes.js';
export { loadTenantRegistry, parseTenantRegistry } from './tenants/parse-tenant-registry.js';
export { tenantRegistryJsonSchema } from './tenants/registry-json-schema.js';
export { resolveTenant, UnknownTenantError } from './tenants/resolve-tenant.js';
export { tenantEnvironment } from './tenants/tenant-environment.js';
export {
  TENANTS_FILE_VARIABLE,
  type TenantEntry,
  type TenantRegistry,
  type TenantSignIn,
} from './tenants/tenant-registry.js';
export { decodeTokenRoles, type TokenRoles } from './token-roles.js';
