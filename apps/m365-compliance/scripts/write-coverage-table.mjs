// Writes the CIS v6 coverage table into the README, between its markers, from the catalogue
// (@m365-mcp/cis-bridge: build it first). test/readme-coverage.test.ts fails when the table is stale.
//   pnpm --filter @m365-mcp/cis-bridge build && node apps/m365-compliance/scripts/write-coverage-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { coverageTable } from '@m365-mcp/cis-bridge';

export const START = '<!-- cis-coverage:start (written by scripts/write-coverage-table.mjs) -->';
export const END = '<!-- cis-coverage:end -->';
export const README = fileURLToPath(new URL('../README.md', import.meta.url));

/** The README with `table` between the markers; throws when the markers are missing. */
export function spliceCoverageTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`The README has no "${START}" … "${END}" markers.`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = readFileSync(README, 'utf8');
  const after = spliceCoverageTable(before, coverageTable());
  if (after === before) console.log('README coverage table is up to date.');
  else {
    writeFileSync(README, after);
    console.log('README coverage table written.');
  }
}
