import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvColumns, exportRunCsv, importReport } from '../../src/index.js';
import { hostileName, sampleRun } from './fixtures/sample-run.js';

// A strict RFC 4180 reader (quoted fields may hold commas, quotes doubled, CRLF and LF), written
// here so the test does not trust the exporter's own quoting. It throws on a stray quote.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`stray quote at ${i}`);
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '\n') throw new Error(`bare LF outside quotes at ${i}`);
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('CSV export', () => {
  it('is one row a finding under a header, whatever the tenant strings hold', () => {
    const run = sampleRun();
    const rows = parseCsv(exportRunCsv(run));
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows).toHaveLength(run.results.length + 1);
    for (const row of rows) expect(row).toHaveLength(csvColumns.length);
    const col = (name: (typeof csvColumns)[number]) => csvColumns.indexOf(name);
    const first = rows[1] as string[];
    expect(first[col('control_id')]).toBe('CIS.M365.5.2.2.3');
    expect(first[col('resource_name')]).toBe(hostileName);
    expect(first[col('references')]).toBe('CIS 5.2.2.3 v6.0.0; MITRE-ATTACK T1078');
    // Evidence is compact JSON in one column and reads back to the same value.
    expect(JSON.parse(first[col('evidence')] as string)).toEqual(run.results[0]?.finding.evidence);
    expect(rows.map((r) => r[col('status')])).toEqual([
      'status',
      ...run.results.map((r) => r.finding.status),
    ]);
  });

  it('neutralises cells a spreadsheet would evaluate as formulas', () => {
    const rows = parseCsv(exportRunCsv(sampleRun()));
    const second = rows[2] as string[];
    const col = (name: (typeof csvColumns)[number]) => csvColumns.indexOf(name);
    expect(second[col('title')]).toBe(`'=cmd|" /C calc"!A0`);
    expect(second[col('resource_id')]).toBe(`'+globalAdmins`);
    expect(second[col('resource_name')]).toBe(`'@SUM(1+1)`);
    expect(second[col('recommendation')]).toBe(`'-Keep between two and four Global Administrators.`);
    expect(second[col('reason')]).toBe(`'\tTab-led reason`);
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports an imported Maester report, one row per test', async () => {
    const run = importReport(
      await readFile(join('/work/shared/reference/sample-reports', 'maester', 'test-results.json'), 'utf8'),
    );
    const rows = parseCsv(exportRunCsv(run));
    expect(run.results.length).toBeGreaterThan(5);
    expect(rows).toHaveLength(run.results.length + 1);
  });
});
