// Public API of @m365-mcp/m365-compliance: the server definition, for posture and tests.
export { permissions } from './permissions.js';
export { definition } from './server.js';
