// Test harness for m365-mcp servers: `@m365-mcp/mcp-kit/testing`.
export { type BuiltBin, useBuiltBin } from './built-bin.js';
export { callTool, type ToolCallOutcome } from './call-tool.js';
export { pinProtocolVersion } from './pin-protocol-version.js';
export {
  type StartTestServerOptions,
  startTestServer,
  type TestServer,
  type TestTenants,
  unpacedScheduler,
} from './start-test-server.js';
export { type PortfolioSim, startPortfolioSim, testTenantsSecretVariable } from './test-tenants.js';
