#!/usr/bin/env node
import { runServerCli } from '@m365-mcp/mcp-kit';
import { sharepointServer } from './server.js';

await runServerCli(sharepointServer);
