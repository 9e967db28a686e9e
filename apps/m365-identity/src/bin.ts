import { runServerCli } from '@m365-mcp/mcp-kit';
import { identityServer } from './server.js';

process.exitCode = await runServerCli(identityServer);
