import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AuditRun,
  catalogue,
  compareSources,
  type FindingStatus,
  importReport,
  sameTenant,
} from '../src/index.js';

// The real Maester and ScubaGear sample reports beside a run of our catalogue whose statuses the
// test sets, so each pairing and each verdict is known.

const SAMPLES = '/work/shared/reference/sample-reports';

function evaluatedRun(statuses: Record<string, FindingStatus>, tenantId = 'tenant-a'): AuditRun {
  return {
    id: 'evaluated',
    source: 'graph',
    tenantId,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    snapshots: {},
    results: catalogue.map((c) => ({
      section: c.section,
      finding: {
        id: c.id,
        title: c.title,
        severity: c.severity,
        status: statuses[c.id] ?? 'pass',
        resource: { type: 'tenant', id: tenantId },
        evidence: {},
        recommendation: c.remediation,
        references: c.references,
      },
    })),
  };
}

const maester = async () =>
  importReport(await readFile(join(SAMPLES, 'maester', 'test-results.json'), 'utf8'));
const scubagear = async () =>
  importReport(await readFile(join(SAMPLES, 'scubagear', 'ScubaResults_fa5589b7-d528-4f80.json'), 'utf8'));

describe('compareSources', () => {
  it("pairs Maester's CISA and EIDSCA tests with our control and reports a pass against a fail as a disagreement", async () => {
    // Maester passes EIDSCA.AP10 and CISA.MS.AAD.5.1 (user consent); we fail CIS 5.1.2.2, which
    // carries both references.
    const c = compareSources(await maester(), evaluatedRun({ 'CIS.M365.5.1.2.2': 'fail' }));
    const pairs = c.controls.filter((p) => p.id === 'CIS.M365.5.1.2.2');
    expect(pairs.map((p) => [p.theirId, p.via, p.ours, p.theirs, p.outcome])).toEqual([
      ['CISA.MS.AAD.5.1', 'CISA-SCuBA MS.AAD.5.1', 'fail', 'pass', 'disagree'],
      ['EIDSCA.AP10', 'EIDSCA AP10', 'fail', 'pass', 'disagree'],
    ]);
  });

  it('agrees when both give the same verdict, and a warning is not a pass', async () => {
    const c = compareSources(await maester(), evaluatedRun({ 'CIS.M365.5.1.5.1': 'warning' }));
    // Maester fails EIDSCA.AP08 (consent from verified publishers): our warning agrees with it.
    const ap08 = c.controls.find((p) => p.theirId === 'EIDSCA.AP08');
    expect(ap08).toMatchObject({ id: 'CIS.M365.5.1.5.1', ours: 'warning', theirs: 'fail', outcome: 'agree' });
    const ap10 = c.controls.find((p) => p.theirId === 'EIDSCA.AP10');
    expect(ap10).toMatchObject({ ours: 'pass', theirs: 'pass', outcome: 'agree' });
  });

  it('says which side gave no verdict: a skipped Maester test, a manual control of ours', async () => {
    const c = compareSources(await maester(), evaluatedRun({ 'CIS.M365.1.1.1': 'manual' }));
    expect(c.controls.find((p) => p.theirId === 'CIS.M365.1.2.2')).toMatchObject({
      theirs: 'skipped',
      outcome: 'not_compared',
      reason: "No verdict to compare: the report's is skipped.",
    });
    const manual = c.controls.filter((p) => p.id === 'CIS.M365.1.1.1');
    expect(manual.length).toBeGreaterThan(0);
    for (const p of manual) {
      expect(p.outcome).toBe('not_compared');
      expect(p.reason).toBe('No verdict to compare: ours is manual.');
    }
  });

  it('counts add up, and CIS ids of another benchmark version are flagged', async () => {
    const c = compareSources(await maester(), evaluatedRun({}));
    expect(c.counts.paired).toBe(c.controls.length);
    expect(c.counts.agree + c.counts.disagree + c.counts.notCompared).toBe(c.counts.paired);
    expect(c.counts.disagree).toBeGreaterThan(0);
    // The sample's CIS tests are tagged "CIS M365 v4.0.0"; the catalogue is v6.0.0.
    expect(c.cisVersions).toEqual({ theirs: '4.0.0', ours: '6.0.0' });
  });

  it("pairs ScubaGear's policy ids with the catalogue's, whatever the policy version suffix", async () => {
    const c = compareSources(await scubagear(), evaluatedRun({}));
    // ScubaGear 1.8 writes MS.AAD.3.2v2; the catalogue names MS.AAD.3.2v1 for CIS 5.2.2.2.
    expect(c.controls.find((p) => p.theirId === 'MS.AAD.3.2v2')?.id).toBe('CIS.M365.5.2.2.2');
    // The sample fails MS.AAD.5.1v1 (user consent); our pass is reported as a disagreement.
    expect(c.controls.find((p) => p.theirId === 'MS.AAD.5.1v1')).toMatchObject({
      id: 'CIS.M365.5.1.2.2',
      ours: 'pass',
      theirs: 'fail',
      outcome: 'disagree',
    });
    // ScubaGear's N/A (manual) is not compared.
    expect(c.controls.find((p) => p.theirId === 'MS.AAD.8.3v1')?.outcome).toBe('not_compared');
    expect(c.cisVersions).toBeUndefined();
  });

  it('names no pair when the report shares no reference with the catalogue', async () => {
    const toolkit = importReport(
      await readFile(join(SAMPLES, 'share-report', 'm365_cis_audit_20251111_121438.json'), 'utf8'),
    );
    const c = compareSources(toolkit, evaluatedRun({}));
    expect(c.counts).toEqual({ paired: 0, agree: 0, disagree: 0, notCompared: 0 });
  });
});

describe('sameTenant', () => {
  it('matches tenant ids case-blind, and takes a run that names no tenant as the store’s', () => {
    expect(sameTenant({ tenantId: 'ABC' }, { tenantId: 'abc' })).toBe(true);
    expect(sameTenant({ tenantId: 'abc' }, { tenantId: 'def' })).toBe(false);
    expect(sameTenant({}, { tenantId: 'def' })).toBe(true);
  });
});
