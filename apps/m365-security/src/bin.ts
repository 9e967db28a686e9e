import { runServerCli } from '@m365-mcp/mcp-kit';
import { securityServer } from './server.js';

process.exitCode = await runServerCli(securityServer);
