#!/usr/bin/env node
// Committed launcher, so the bin exists before the package is built. It runs on any Node and says
// plainly when this one is too old (check-node.js), rather than failing somewhere inside the build.
// An MCP server on stdio: a too-old Node is also reported to the client, as the answer to its initialize.
import { requireSupportedNode } from './check-node.js';

await requireSupportedNode('m365-identity', { mcpServer: true });
await import('../dist/bin.js');
