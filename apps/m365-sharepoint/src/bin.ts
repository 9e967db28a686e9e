#!/usr/bin/env node
import { runServerCli } from '@m365-mcp/mcp-kit';
import { sharepointServer } from './server.js';

process.exitCode = await runServerCli(sharepointServer);
