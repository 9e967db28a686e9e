#!/usr/bin/env node
// Committed launcher, so the bin exists before the package is built. It runs on any Node and says
// plainly when this one is too old (check-node.js), rather than failing somewhere inside the build.
// m365-posture is a command, not an MCP server: it only says why on stderr.
import { requireSupportedNode } from './check-node.js';

await requireSupportedNode('m365-posture');
await import('../dist/bin.js');
