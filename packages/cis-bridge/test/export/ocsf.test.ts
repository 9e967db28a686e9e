import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRunOcsf, importReport, type OcsfDetectionFinding } from '../../src/index.js';
import { hostileName, sampleRun } from './fixtures/sample-run.js';
import { validatorFor } from './fixtures/validate.js';

const validate = validatorFor('ocsf-1.1-detection-finding.focused.schema.json');

describe('OCSF 1.1 Detection Finding export', () => {
  it('emits one valid event per failing or warning finding, with the mapped enumerations', () => {
    const run = sampleRun();
    const events = JSON.parse(
      exportRunOcsf(run, { name: 'm365-compliance', vendorName: 'm365-mcp', version: '9.9.9' }),
    ) as OcsfDetectionFinding[];
    expect(validate(events)).toEqual([]);
    expect(events.map((e) => e.finding_info.title)).toEqual([
      'Legacy authentication is blocked',
      '=cmd|" /C calc"!A0',
      'Users cannot install apps',
    ]);
    for (const e of events) expect(e.type_uid).toBe(e.class_uid * 100 + e.activity_id);
    expect(events.map((e) => [e.severity_id, e.severity])).toEqual([
      [5, 'Critical'],
      [4, 'High'],
      [2, 'Low'],
    ]);
    expect(events.map((e) => e.status_code)).toEqual(['fail', 'warning', 'fail']);
    const [first] = events as [OcsfDetectionFinding];
    expect(first.resources).toEqual([
      { uid: 'pol-1', type: 'conditionalAccessPolicy', name: hostileName, group: { name: '5.2.2' } },
    ]);
    expect(first.metadata.product).toEqual({
      name: 'm365-compliance',
      vendor_name: 'm365-mcp',
      version: '9.9.9',
    });
    expect(first.metadata.version).toBe('1.1.0');
    expect(first.time).toBe(Date.parse('2026-11-25T10:00:05.000Z'));
    expect(first.cloud?.account?.uid).toBe(run.tenantId);
    expect(first.unmapped.evidence).toEqual(run.results[0]?.finding.evidence);
    expect(first.finding_info.desc).toContain('Enable a policy');
  });

  it('the schema check can fail: a wrong class, a missing title and an unknown severity are refused', () => {
    const [event] = JSON.parse(exportRunOcsf(sampleRun())) as OcsfDetectionFinding[];
    const broken = { ...event, class_uid: 2003, severity_id: 7, finding_info: { uid: 'x' } };
    const errors = validate([broken]);
    expect(errors.join('\n')).toMatch(/class_uid/);
    expect(errors.join('\n')).toMatch(/severity_id/);
    expect(errors.join('\n')).toMatch(/title/);
  });

  it('exports an imported ScubaGear report validly, never a pass as an event', async () => {
    const dir = '/work/shared/reference/sample-reports/scubagear';
    const run = importReport(await readFile(join(dir, 'ScubaResults_fa5589b7-d528-4f80.json'), 'utf8'));
    const events = JSON.parse(exportRunOcsf(run)) as OcsfDetectionFinding[];
    expect(validate(events)).toEqual([]);
    const failing = run.results.filter((r) => r.finding.status === 'fail' || r.finding.status === 'warning');
    expect(failing.length).toBeGreaterThan(0);
    expect(events).toHaveLength(failing.length);
  });
});
