import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatText } from '../src/format-text.js';
import { buildReport, failingAtOrAbove } from '../src/report.js';
import { runPosture } from '../src/run.js';
import type { ServerCommand } from '../src/servers.js';

const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));

function fake(name: string): ServerCommand {
  return { name, command: process.execPath, args: [fakeServer] };
}

const planted = {
  status: 'critical',
  statusRule: 'CRITICAL when the secure score is under 70%.',
  findings: [
    {
      id: 'SEC-1',
      title: 'Secure score under 70%',
      severity: 'high',
      status: 'fail',
      evidence: { percentage: 59.1 },
      recommendation: 'Work through the top improvement actions.',
    },
    { id: 'SEC-2', title: 'Passing check', severity: 'critical', status: 'pass' },
    { id: 'SEC-3', title: 'Active incident on \u001b[31mGlobal Admin', severity: 'critical', status: 'fail' },
  ],
  nextActions: ['Investigate incident 42'],
};

afterEach(() => {
  delete process.env.FAKE_ASSESSMENT;
  delete process.env.FAKE_CRASH;
});

describe('m365-posture', () => {
  it('combines a server assessment into the overall status, worst risks first', async () => {
    process.env.FAKE_ASSESSMENT = JSON.stringify(planted);
    const { report } = await runPosture({ demo: false, servers: [fake('m365-security')] });
    expect(report.overall.status).toBe('critical');
    expect(report.topRisks.map((r) => r.id)).toEqual(['SEC-3', 'SEC-1']);
    expect(report.counts).toMatchObject({ critical: 1, high: 1 });
    expect(report.nextActions).toEqual(['Investigate incident 42']);
    const text = formatText(report);
    expect(text).toContain('CRITICAL');
    expect(text).toContain('evidence: percentage=59.1');
    // a control character from tenant data never reaches the terminal
    expect(text).not.toContain('\u001b');
    expect(failingAtOrAbove(report, 'high')).toBe(2);
    expect(failingAtOrAbove(report, 'critical')).toBe(1);
  });

  it('in demo mode points each server at graph-sim with its own app and the simulator CA', async () => {
    process.env.FAKE_ASSESSMENT = 'env';
    const { report, outcomes } = await runPosture({ demo: true, servers: [fake('m365-security')] });
    expect(outcomes[0]?.state).toBe('assessed');
    expect(report.tenant).toContain('demo tenant');
    const actions = report.nextActions;
    expect(actions.find((a) => a.startsWith('tenant='))).toMatch(/^tenant=[0-9a-f-]{36}$/);
    expect(actions).toContain('client=set');
    expect(actions.find((a) => a.startsWith('graph='))).toMatch(/^graph=https:\/\/127\.0\.0\.1:\d+$/);
    expect(actions).toContain('ca=set');
  });

  it('reports a server that cannot start without stopping the run', async () => {
    process.env.FAKE_CRASH = '1';
    const { report } = await runPosture({ demo: false, servers: [fake('m365-identity')] });
    expect(report.servers[0]).toMatchObject({ name: 'm365-identity', state: 'failed' });
    expect(report.servers[0]?.error).toContain('cannot start');
    expect(report.overall.status).toBe('unknown');
  });

  it('says so when no server is present', () => {
    const report = buildReport({ tenant: 'Contoso', outcomes: [], missingServers: ['m365-security'] });
    expect(report.overall.status).toBe('unknown');
    expect(formatText(report)).toContain('not built or not installed: m365-security');
  });
});
