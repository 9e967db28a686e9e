import { runServerCli } from '@m365-mcp/mcp-kit/cli';
import { identityCard } from './card.js';

// The card answers --help, --version and permissions; the tools, the MCP SDK and Graph load only
// when the server serves or checks.
process.exitCode = await runServerCli({
  ...identityCard,
  load: async () => (await import('./server.js')).identityServer,
});
