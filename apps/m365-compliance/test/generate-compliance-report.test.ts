import { mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(settings: Record<string, unknown> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-report-'));
  server = await startTestServer(complianceServer, {
    config: { settings: { databasePath: join(dir, 'db', 'runs.db'), ...settings } },
  });
  return { s: server, dir };
}

interface Answer {
  isError?: boolean;
  structuredContent: {
    runId: string;
    destination: 'file' | 'inline';
    path?: string;
    bytes: number;
    markdown?: string;
    reportsDirectory: string;
  };
  content: { type: string; text: string }[];
}

async function call(s: TestServer, name: string, args: Record<string, unknown> = {}) {
  return (await s.client.callTool({ name, arguments: args })) as unknown as Answer;
}

const text = (a: Answer) => a.content.map((c) => c.text).join('\n');

describe('generate_compliance_report', () => {
  it('says clearly when there is no run yet', async () => {
    const { s } = await start();
    const answer = await call(s, 'generate_compliance_report', {});
    expect(answer.isError).toBe(true);
    expect(text(answer)).toMatch(/No run is stored yet/);
  });

  it('returns the latest run inline as Markdown, naming the planted failures', async () => {
    const { s } = await start();
    const audit = await call(s, 'run_security_audit', {});
    const runId = (audit.structuredContent as unknown as { run: { runId: string } }).run.runId;
    const answer = await call(s, 'generate_compliance_report', {});
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent.destination).toBe('inline');
    expect(answer.structuredContent.runId).toBe(runId);
    expect(answer.structuredContent.markdown).toContain(`# Compliance run ${runId}`);
    expect(answer.structuredContent.markdown).toContain('CIS.M365.5.2.2.3');
    // The demo's Secure Score and its change over the 90 days the audit read.
    expect(answer.structuredContent.markdown).toMatch(
      /Secure Score: 412 \/ 697 \(59\.1%\) on \d{4}-\d\d-\d\d, [+-]\d+(\.\d)? points \([+-][\d.]+ pp\) since \d{4}-\d\d-\d\d\./,
    );
    expect(answer.structuredContent.bytes).toBe(Buffer.byteLength(answer.structuredContent.markdown ?? ''));
    expect(text(answer).length).toBeLessThan(1500);
  });

  it('writes each format into the reports directory beside the database, and says where and how big', async () => {
    const { s, dir } = await start();
    await call(s, 'run_security_audit', {});
    const reports = join(dir, 'db', 'reports');
    for (const [format, check] of [
      ['json', (body: string) => expect(JSON.parse(body).results.length).toBeGreaterThan(50)],
      ['csv', (body: string) => expect(body.split('\r\n')[0]).toMatch(/^run_id,control_id,/)],
      ['ocsf', (body: string) => expect(JSON.parse(body)[0].class_uid).toBe(2004)],
      ['sarif', (body: string) => expect(JSON.parse(body).version).toBe('2.1.0')],
      ['html', (body: string) => expect(body).toMatch(/^<!doctype html>/)],
      ['markdown', (body: string) => expect(body).toMatch(/^# Compliance run/)],
    ] as const) {
      const answer = await call(s, 'generate_compliance_report', { format, path: `demo-${format}.out` });
      expect(answer.isError, text(answer)).toBeFalsy();
      const { path, bytes, destination, reportsDirectory } = answer.structuredContent;
      expect(destination).toBe('file');
      expect(reportsDirectory).toBe(reports);
      expect(path).toMatch(new RegExp(`reports/demo-${format}\\.out$`));
      const body = await readFile(path as string, 'utf8');
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect((await stat(path as string)).size).toBe(bytes);
      expect(text(answer)).toContain(path as string);
      check(body);
    }
    // Without a path a file format gets a name after the run.
    const named = await call(s, 'generate_compliance_report', { format: 'sarif' });
    expect(named.structuredContent.path).toMatch(/compliance-[0-9a-f-]{36}\.sarif$/);
    expect(text(named).length).toBeLessThan(1500);
  });

  it('never overwrites without overwrite: true, and then replaces the file', async () => {
    const { s, dir } = await start();
    await call(s, 'run_security_audit', {});
    const first = await call(s, 'generate_compliance_report', { format: 'csv', path: 'r.csv' });
    expect(first.isError).toBeFalsy();
    const again = await call(s, 'generate_compliance_report', { format: 'json', path: 'r.csv' });
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/already exists; pass overwrite: true/);
    expect(await readFile(join(dir, 'db', 'reports', 'r.csv'), 'utf8')).toMatch(/^run_id,/);
    const replaced = await call(s, 'generate_compliance_report', {
      format: 'json',
      path: 'r.csv',
      overwrite: true,
    });
    expect(replaced.isError).toBeFalsy();
    expect(await readFile(join(dir, 'db', 'reports', 'r.csv'), 'utf8')).toMatch(/^\{/);
  });

  it('refuses paths outside the allowed directory, including through a symlink', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'compliance-outside-'));
    const allowed = await mkdtemp(join(tmpdir(), 'compliance-allowed-'));
    await symlink(outside, join(allowed, 'escape'));
    await writeFile(join(outside, 'victim.txt'), 'keep');
    await symlink(join(outside, 'victim.txt'), join(allowed, 'link.csv'));
    const { s } = await start({ reportsDirectory: allowed });
    await call(s, 'run_security_audit', {});
    for (const path of [
      '../x.csv',
      join(outside, 'x.csv'),
      '/etc/passwd',
      'escape/x.csv',
      'sub/../../x.csv',
      '.',
    ]) {
      const answer = await call(s, 'generate_compliance_report', { format: 'csv', path, overwrite: true });
      expect(answer.isError, path).toBe(true);
      expect(text(answer), path).toMatch(/Refused|outside the reports directory/);
    }
    const viaLink = await call(s, 'generate_compliance_report', {
      format: 'csv',
      path: 'link.csv',
      overwrite: true,
    });
    expect(viaLink.isError).toBe(true);
    expect(text(viaLink)).toMatch(/not a regular file/);
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('keep');
    // A real subfolder is fine; the configured directory is the one used.
    await mkdir(join(allowed, 'monthly'));
    const ok = await call(s, 'generate_compliance_report', { format: 'html', path: 'monthly/r.html' });
    expect(ok.isError, text(ok)).toBeFalsy();
    expect(ok.structuredContent.path).toBe(join(allowed, 'monthly', 'r.html'));
    // A name no file system takes is an input error that says so, not an internal one.
    const long = await call(s, 'generate_compliance_report', {
      format: 'csv',
      path: `${'a'.repeat(253)}.csv`,
    });
    expect(long.isError).toBe(true);
    expect(text(long)).toMatch(/^The file name is longer than 255 bytes/);
  });

  it('reports a given run by id and refuses an unknown one', async () => {
    const { s } = await start();
    const a = await call(s, 'run_security_audit', {});
    const firstId = (a.structuredContent as unknown as { run: { runId: string } }).run.runId;
    await call(s, 'run_security_audit', {});
    const answer = await call(s, 'generate_compliance_report', { runId: firstId });
    expect(answer.structuredContent.runId).toBe(firstId);
    const unknown = await call(s, 'generate_compliance_report', {
      runId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/No stored run/);
  });
});
