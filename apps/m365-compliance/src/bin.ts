import { quietSqliteWarning } from './quiet-sqlite-warning.js';

// Before anything loads node:sqlite (the run store), so its one-time warning is filtered.
quietSqliteWarning();
const { runServerCli } = await import('@m365-mcp/mcp-kit');
const { definition } = await import('./server.js');

process.exitCode = await runServerCli(definition);
