import type { FindingStatus } from '@m365-mcp/graph-core';
import { describe, expect, it } from 'vitest';
import { coverageLine, coverageOf } from '../src/audit/coverage.js';
import type { ControlResult } from '../src/audit/run.js';
import { catalogue } from '../src/controls/catalogue.js';
import { cisControlId, cisV6Recommendations } from '../src/controls/cis-v6.js';
import { cisV6Coverage, coverageTable } from '../src/controls/coverage.js';

// Every CIS v6 recommendation is in the catalogue once, as written in the v6 list (cis-v6.ts):
// evaluated, or manual with where a person reads it and why it is not read here.

describe('the CIS v6 list', () => {
  it('holds 140 distinct recommendations', () => {
    expect(cisV6Recommendations.length).toBe(140);
    expect(new Set(cisV6Recommendations.map((r) => r.id)).size).toBe(140);
  });
});

describe('the catalogue against CIS v6', () => {
  const coverage = cisV6Coverage();

  it('misses no recommendation and holds none twice', () => {
    expect(coverage.missing).toEqual([]);
    expect(coverage.duplicated).toEqual([]);
    expect(coverage.evaluated + coverage.manual).toBe(140);
  });

  it('evaluates 127 (Graph, DNS and the admin APIs beyond Graph) and lists the other 13 as manual', () => {
    expect({ evaluated: coverage.evaluated, manual: coverage.manual }).toEqual({
      evaluated: 127,
      manual: 13,
    });
  });

  it.each(cisV6Recommendations)('$id: title, level and (where known) profile as in v6', (r) => {
    const control = catalogue.find((c) => c.id === cisControlId(r.id));
    expect(control?.title).toBe(r.title);
    expect(control?.level).toBe(r.level);
    if (r.profile) expect(control?.profile).toBe(r.profile);
    expect(control?.references.some((ref) => ref.framework === 'CIS' && ref.id === r.id)).toBe(true);
  });

  it('has no CIS control outside the v6 list', () => {
    const v6 = new Set(cisV6Recommendations.map((r) => cisControlId(r.id)));
    expect(catalogue.filter((c) => c.id.startsWith('CIS.') && !v6.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('says for every manual control where a person reads it and why not here', () => {
    for (const c of catalogue) {
      if (c.kind !== 'manual') continue;
      expect(c.where.length, c.id).toBeGreaterThan(10);
      expect(c.reason, c.id).toMatch(/\.$/);
    }
  });

  it('reports a missing and a duplicated recommendation', () => {
    const without = catalogue.filter((c) => c.id !== 'CIS.M365.6.5.4');
    const doubled = [...catalogue, ...catalogue.filter((c) => c.id === 'CIS.M365.1.1.1')];
    expect(cisV6Coverage(without).missing).toEqual(['6.5.4']);
    expect(cisV6Coverage(doubled).duplicated).toEqual(['1.1.1']);
    expect(coverageTable(cisV6Coverage(without))).toContain('missing: 6.5.4');
  });
});

describe('run coverage', () => {
  const result = (section: string, status: FindingStatus): ControlResult =>
    ({ section, finding: { status } }) as ControlResult;

  it('counts evaluated, manual, skipped and error by chapter', () => {
    const coverage = coverageOf([
      result('1.1', 'pass'),
      result('1.3', 'manual'),
      result('2.1', 'fail'),
      result('2.1', 'skipped'),
      result('5.2', 'not_applicable'),
      result('5.2', 'error'),
      result('10.1', 'warning'),
    ]);
    expect(coverage).toMatchObject({ evaluated: 4, manual: 1, skipped: 1, error: 1 });
    expect(Object.keys(coverage.bySection)).toEqual(['1', '2', '5', '10']);
    expect(coverage.bySection['2']).toEqual({ evaluated: 1, manual: 0, skipped: 1, error: 0 });
    expect(coverageLine(coverage)).toBe(
      'Coverage: 4 evaluated, 1 manual, 1 skipped, 1 error; evaluated by section 1 1/2, 2 1/2, 5 1/2, 10 1/1',
    );
  });
});
