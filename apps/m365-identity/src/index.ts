// Public API of @m365-mcp/m365-identity: the server definition (for embedding, posture and tests).
export { identityCard } from './card.js';
export { identityPermissions } from './permissions.js';
export { identityServer } from './server.js';
