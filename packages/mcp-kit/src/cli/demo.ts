// @m365-mcp/mcp-kit/demo: the demo tenant (graph-sim, an optional package) a server runs against
// with --demo, for commands beside the servers that offer --demo too.

export {
  type DemoTenant,
  DemoUnavailableError,
  loadGraphSim,
  registerSimApp,
  rolesFor,
  simulatorUrls,
  startDemoTenant,
} from './demo-tenant.js';
