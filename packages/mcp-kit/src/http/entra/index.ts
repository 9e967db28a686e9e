// Entra ID sign-in for --http: the server as an OAuth 2.1 resource server.
export { type EntraAuthenticator, entraAuthenticator } from './entra-authenticator.js';
export {
  defaultEntraRoles,
  defaultEntraScope,
  type EntraAuthenticatorOptions,
  type EntraRoleNames,
} from './entra-options.js';
export { wellKnownPath as protectedResourceMetadataPath } from './protected-resource-metadata.js';
