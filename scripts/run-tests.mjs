#!/usr/bin/env node
// Runs the whole test suite once (vitest over every package) and ends with one plain line,
// "Tests: N passed, N failed, N skipped", which CI reads whatever runner printed above it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scratch = mkdtempSync(join(tmpdir(), 'm365-tests-'));
const report = join(scratch, 'vitest.json');
// The workspace's own vitest, whether or not the caller put node_modules/.bin on PATH.
const isWindows = process.platform === 'win32';
const bin = isWindows ? 'vitest.cmd' : 'vitest';
const vitest = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', bin);
const result = spawnSync(
  vitest,
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', shell: isWindows },
);
if (result.error) {
  process.stderr.write(`could not start vitest (${vitest}): ${result.error.message}\n`);
  process.exit(1);
}
let summary;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  process.stderr.write('the test runner wrote no report\n');
  process.exit(result.status || 1);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const skipped = summary.numPendingTests + summary.numTodoTests;
console.log(`Tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
if (summary.numTotalTests === 0) {
  process.stderr.write('no test ran\n');
  process.exit(1);
}
process.exit(result.status ?? 1);
