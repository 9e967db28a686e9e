import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRunSarif, importReport, type SarifLog } from '../../src/index.js';
import { hostileName, sampleRun } from './fixtures/sample-run.js';
import { validatorFor } from './fixtures/validate.js';

const validate = validatorFor('sarif-2.1.0.focused.schema.json');

describe('SARIF 2.1.0 export', () => {
  it('has every control as a rule and every failing finding as a result located by resource', () => {
    const run = sampleRun();
    const log = JSON.parse(exportRunSarif(run)) as SarifLog;
    expect(validate(log)).toEqual([]);
    const [sarifRun] = log.runs;
    const rules = sarifRun?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(run.results.map((r) => r.finding.id));
    const results = sarifRun?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['CIS.M365.5.2.2.3', 'error'],
      ['CIS.M365.1.1.3', 'warning'],
      ['CIS.M365.1.3.4', 'note'],
    ]);
    for (const r of results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(results[0]?.locations[0]?.logicalLocations[0]).toEqual({
      name: hostileName,
      fullyQualifiedName: 'conditionalAccessPolicy/pol-1',
      kind: 'resource',
    });
    // The skipped and manual controls are rules without results: never reported as pass or fail.
    expect(results.some((r) => r.ruleId === 'CIS.M365.5.3.2' || r.ruleId === 'CIS.M365.3.2.1')).toBe(false);
    expect(rules[0]?.helpUri).toBe('https://www.cisecurity.org/');
  });

  it('the schema check can fail: an unknown level and a result without a message are refused', () => {
    const log = JSON.parse(exportRunSarif(sampleRun())) as SarifLog;
    const result = log.runs[0]?.results[0] as unknown as Record<string, unknown>;
    result.level = 'critical';
    delete result.message;
    const errors = validate(log).join('\n');
    expect(errors).toMatch(/level/);
    expect(errors).toMatch(/message/);
  });

  it('exports an imported Maester report validly', async () => {
    const run = importReport(
      await readFile(join('/work/shared/reference/sample-reports', 'maester', 'test-results.json'), 'utf8'),
    );
    const log = JSON.parse(exportRunSarif(run)) as SarifLog;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules.length).toBe(new Set(run.results.map((r) => r.finding.id)).size);
  });
});
