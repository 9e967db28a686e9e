#!/usr/bin/env node
// Committed launcher, so the bin exists before the package is built. It runs on any Node and says
// plainly when this one is too old, rather than failing somewhere inside the build.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`m365-identity needs Node.js 22.12 or later; this is ${process.version}.\n`);
  process.exit(1);
}
await import('../dist/bin.js');
