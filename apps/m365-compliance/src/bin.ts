import { quietSqliteWarning } from './quiet-sqlite-warning.js';

// Before anything loads node:sqlite (the run store), so its one-time warning is filtered.
quietSqliteWarning();
const args = process.argv.slice(2);
if (args[0] === 'monitor') {
  // Dispatched before the MCP server CLI: the monitor is a long-running job, not an MCP server.
  const { runMonitorCli } = await import('./monitor/cli.js');
  process.exitCode = await runMonitorCli(args.slice(1));
} else {
  const { runServerCli } = await import('@m365-mcp/mcp-kit');
  const { complianceServer } = await import('./server.js');
  process.exitCode = await runServerCli(complianceServer);
}
