import { readFileSync } from 'node:fs';
import { coverageTable } from '@m365-mcp/cis-bridge';
import { describe, expect, it } from 'vitest';
import { README, spliceCoverageTable } from '../scripts/write-coverage-table.mjs';

// The README's CIS v6 coverage table is the catalogue's: a control added, or one moved from manual
// to evaluated, without rewriting the table fails here.

describe('README coverage table', () => {
  it('is the one the catalogue gives', () => {
    const readme = readFileSync(README, 'utf8');
    expect(
      spliceCoverageTable(readme, coverageTable()),
      'The README coverage table is stale: run `pnpm --filter @m365-mcp/cis-bridge build && node apps/m365-compliance/scripts/write-coverage-table.mjs`.',
    ).toBe(readme);
  });

  it('refuses a README without the markers', () => {
    expect(() => spliceCoverageTable('# no table here', '| x |')).toThrow('markers');
  });
});
