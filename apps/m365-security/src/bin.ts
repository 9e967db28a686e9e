import { runServerCli } from '@m365-mcp/mcp-kit/cli';
import { securityCard } from './card.js';

// The card answers --help, --version and permissions; the tools, the MCP SDK and Graph load only
// when the server serves or checks.
process.exitCode = await runServerCli({
  ...securityCard,
  load: async () => (await import('./server.js')).securityServer,
});
