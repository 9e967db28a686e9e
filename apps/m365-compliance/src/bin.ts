import { quietSqliteWarning } from './quiet-sqlite-warning.js';

// Before anything loads node:sqlite (the run store), so its one-time warning is filtered.
quietSqliteWarning();
const args = process.argv.slice(2);
if (args[0] === 'monitor') {
  // Dispatched before the MCP server CLI: the monitor is a long-running job, not an MCP server.
  const { runMonitorCli } = await import('./monitor/cli.js');
  process.exitCode = await runMonitorCli(args.slice(1));
} else if (args[0] === 'worker' || args[0] === 'enqueue') {
  // The PostgreSQL side of many tenants (DATABASE_URL): a long-running queue worker, or "audit now".
  const { runEnqueueCli, runWorkerCli } = await import('./worker/cli.js');
  process.exitCode = await (args[0] === 'worker' ? runWorkerCli : runEnqueueCli)(args.slice(1));
} else {
  // The card answers --help, --version and permissions; the tools, the MCP SDK and Graph load only
  // when the server serves or checks.
  const { runServerCli } = await import('@m365-mcp/mcp-kit/cli');
  const { complianceCard } = await import('./card.js');
  process.exitCode = await runServerCli({
    ...complianceCard,
    load: async () => (await import('./server.js')).complianceServer,
  });
}
