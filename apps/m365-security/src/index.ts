// Public API of @m365-mcp/m365-security: the server definition (for m365-posture, embedding and tests)
// and its permission manifest.
export { securityCard } from './card.js';
export { securityPermissions } from './permissions.js';
export { securityServer } from './server.js';
