#!/usr/bin/env node
import { runAuditCli } from './cli.js';

process.exitCode = await runAuditCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
