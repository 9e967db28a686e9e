import { runServerCli } from '@m365-mcp/mcp-kit';
import { identityServer } from './server.js';

await runServerCli(identityServer);
