import { runServerCli } from '@m365-mcp/mcp-kit';
import { definition } from './server.js';

process.exitCode = await runServerCli(definition);
