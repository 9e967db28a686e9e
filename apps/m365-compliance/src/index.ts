// Public API of @m365-mcp/m365-compliance: the server definition, for posture and tests.
export { complianceCard } from './card.js';
export { compliancePermissions } from './permissions.js';
export { complianceServer } from './server.js';
