import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRun, exportRunHtml, RunStore, type SecureScoreSummary } from '../../src/index.js';
import { sampleRun } from '../export/fixtures/sample-run.js';

// Runs are stored as JSON in SQLite: a run written before runs carried the Secure Score still
// loads and its report says "not read"; a run with the score keeps it through a reopen.

const score: SecureScoreSummary = {
  current: 412,
  max: 697,
  percentage: 59.1,
  asOf: '2026-11-25T03:12:44Z',
  series: [
    { date: '2026-11-23', score: 420, max: 697 },
    { date: '2026-11-24', score: 415, max: 697 },
    { date: '2026-11-25', score: 412, max: 697 },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cis-store-score-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stored runs and the Secure Score', () => {
  it('an old run without the score loads after a reopen, and its report says "not read"', () => {
    const path = join(dir, 'old.db');
    const old: AuditRun = { ...sampleRun(), id: 'old-run' };
    expect('secureScore' in old).toBe(false);
    const writer = new RunStore(path);
    writer.save(old);
    writer.close();

    const reader = new RunStore(path);
    try {
      const loaded = reader.get('old-run');
      expect(loaded?.results).toHaveLength(old.results.length);
      expect(loaded?.secureScore).toBeUndefined();
      const html = exportRunHtml(loaded as AuditRun);
      expect(html).toContain('<div class="kpi" id="secure-score"><b>not read</b>Secure Score</div>');
      expect(html).not.toContain('chart-secure-score');
    } finally {
      reader.close();
    }
  });

  it('a run with the score keeps all of it through a reopen', () => {
    const path = join(dir, 'new.db');
    const writer = new RunStore(path);
    writer.save({ ...sampleRun(), id: 'new-run', secureScore: score });
    writer.close();

    const reader = new RunStore(path);
    try {
      expect(reader.get('new-run')?.secureScore).toEqual(score);
      expect(reader.latest()?.secureScore?.series).toHaveLength(3);
    } finally {
      reader.close();
    }
  });
});
