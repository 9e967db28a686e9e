import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogue,
  importReport,
  isGraphControl,
  PowerShellRunError,
  ReportImportError,
  RunStore,
  runPowerShellAudit,
  summarizeRun,
} from '../src/index.js';

const SAMPLES = '/work/shared/reference/sample-reports';
const FAKE = join(import.meta.dirname, 'fixtures', 'fake-pwsh.mjs');

describe('catalogue', () => {
  it('evaluates at least 115 controls, in every chapter but Intune (4), each with ids and remediation', () => {
    const evaluated = catalogue.filter(isGraphControl);
    expect(evaluated.length).toBeGreaterThanOrEqual(115);
    expect(new Set(evaluated.map((c) => c.section.split('.')[0]))).toEqual(
      new Set(['1', '2', '3', '5', '6', '7', '8', '9']),
    );
    expect(new Set(catalogue.map((c) => c.id)).size).toBe(catalogue.length);
    for (const c of catalogue) {
      expect(c.references.length, c.id).toBeGreaterThan(0);
      expect(c.remediation, c.id).not.toBe('');
    }
  });
});

describe('importers', () => {
  it('reads the BOM-prefixed PowerShell toolkit files', async () => {
    for (const [file, pass, fail, manual] of [
      ['m365_cis_audit_20251111_121438.json', 13, 1, 1],
      ['m365_cis_audit_20251025_104554.json', 5, 3, 1],
      ['m365_cis_audit.json', 0, 0, 5],
    ] as const) {
      const run = importReport(await readFile(join(SAMPLES, 'share-report', file), 'utf8'));
      const s = summarizeRun(run).byStatus;
      expect([s.pass, s.fail, s.manual], file).toEqual([pass, fail, manual]);
    }
  });

  it.each([
    ['[]', /Not a valid Invoke-M365CISAudit/],
    ['{"Tests": [{"Name": "x", "Result": "Maybe"}]}', /Not a valid Maester report: Tests.0.Result/],
    ['{"MetaData": {}, "Results": {"AAD": [{"GroupName": "g"}]}}', /ScubaGear.*Controls/],
    ['{"hello": 1}', /Unrecognised report/],
    ['', /empty/],
    ['{oops', /not JSON/],
  ])('refuses %s clearly', (text, message) => {
    expect(() => importReport(text)).toThrow(ReportImportError);
    expect(() => importReport(text)).toThrow(message);
  });
});

describe('run store', () => {
  it('an interrupted write leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-'));
    const store = new RunStore(join(dir, 'runs.db'));
    const run = importReport(
      await readFile(join(SAMPLES, 'share-report/m365_cis_audit_20251110_225235.json'), 'utf8'),
    );
    expect(() =>
      store.save(run, {
        beforeCommit: () => {
          throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    expect(store.count()).toBe(0);
    store.save(run);
    expect(store.get(run.id)?.results.length).toBe(15);
    store.close();
  });
});

describe('PowerShell runner (stand-in executables)', () => {
  async function run(mode: string, timeoutMs = 5000) {
    const dir = await mkdtemp(join(tmpdir(), 'pwsh-'));
    return runPowerShellAudit({
      executable: FAKE,
      script: 'Invoke-M365CISAudit.ps1',
      args: [mode, dir],
      outputPath: join(dir, 'm365_cis_audit.json'),
      timeoutMs,
    });
  }
  it('imports the timestamped output of a successful run', async () => {
    const result = await run('success');
    expect(result.source).toBe('powershell');
    expect(summarizeRun(result).byStatus).toMatchObject({ pass: 1, fail: 1 });
  });
  it('reports a non-zero exit with its stderr', async () => {
    await expect(run('fail')).rejects.toThrow(/exited with code 1.*authentication failed/);
  });
  it('stops a script that overruns its timeout', async () => {
    await expect(run('hang', 300)).rejects.toThrow(/did not finish within 300 ms/);
  });
  it('refuses garbage output', async () => {
    await expect(run('garbage')).rejects.toThrow(ReportImportError);
  });
  it('says when no output file was written', async () => {
    await expect(run('nothing')).rejects.toThrow(PowerShellRunError);
    await expect(run('nothing')).rejects.toThrow(/wrote no/);
  });
});
