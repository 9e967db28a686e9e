// Delegated mode: Graph called on behalf of the signed-in user (OAuth 2.0 on-behalf-of).
export {
  DelegatedCallError,
  type DelegatedConnection,
  DelegatedConnections,
  type DelegatedConnectionsOptions,
  defaultMaxDelegatedUsers,
} from './delegated-connections.js';
export { delegatedUserName, describeDelegatedFailure } from './delegated-failure.js';
export { delegatedConnectionsFor } from './delegated-mode.js';
export { delegatedRefusalMessage } from './delegated-refusal.js';
export { SwappableCredential } from './swappable-credential.js';
