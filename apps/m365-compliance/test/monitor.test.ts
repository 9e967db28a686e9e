import { afterEach, describe, expect, it } from 'vitest';
import {
  ComplianceMonitor,
  DurationError,
  MONITOR_RUN_LABEL,
  parseDuration,
  webhookPayload,
} from '../src/monitor/index.js';
import {
  closedPortUrl,
  type MonitorWorld,
  startMonitorWorld,
  startReceiver,
  until,
} from './monitor-helpers.js';
import { authz } from './scenarios/tenant-edits.js';

let world: MonitorWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const GUEST_RESTRICTED = 'a0b1b346-4d3e-4e8b-98f8-753987be4970';

describe('parseDuration', () => {
  it('reads one whole number and a unit, strictly', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('200ms')).toBe(200);
    for (const bad of ['', '30', 's', '1.5h', '-1m', '0s', '1h30m', '10 s', '5w', '31d', '50ms', '01m'])
      expect(() => parseDuration(bad), bad).toThrow(DurationError);
  });
});

describe('monitor against graph-sim', () => {
  it('two settings changed between runs give exactly ONE notification naming both; nothing when nothing changes', async () => {
    world = await startMonitorWorld();
    const receiver = await startReceiver();
    const store = world.openStore();
    const stderr: string[] = [];
    const monitor = new ComplianceMonitor({
      graph: world.graph,
      store,
      intervalMs: 200,
      auditLog: world.auditLog,
      exceptions: world.exceptions,
      webhook: { url: receiver.url, format: 'json', backoffMs: 1 },
      stderr: (t) => stderr.push(t),
    });
    const loop = monitor.start();
    await until(() => monitor.results.length >= 2, 'two runs');
    // Baseline, then an unchanged run: no notification.
    expect(receiver.bodies).toHaveLength(0);
    const t = world.sim.tenant;
    authz(t).allowEmailVerifiedUsersToJoinOrganization = true;
    authz(t).guestUserRoleId = GUEST_RESTRICTED;
    const before = monitor.results.length;
    await until(() => monitor.results.length >= before + 2, 'two more runs');
    await monitor.stop();
    await loop;
    await receiver.close();

    expect(receiver.bodies).toHaveLength(1);
    const body = receiver.bodies[0] as {
      type: string;
      text: string;
      worsened: {
        controlId: string;
        from: string;
        to: string;
        settings: { path: string; after: string }[];
      }[];
    };
    expect(body.type).toBe('m365-compliance.monitor.worsened');
    const ids = body.worsened.map((w) => w.controlId).sort();
    expect(ids).toEqual(['CIS.M365.5.1.6.2', 'EIDSCA.AP06']);
    const paths = body.worsened.flatMap((w) => w.settings.map((s) => s.path));
    expect(paths).toContain('allowEmailVerifiedUsersToJoinOrganization');
    expect(paths).toContain('guestUserRoleId');
    expect(body.text).toContain('CIS.M365.5.1.6.2');
    expect(body.text).toContain('EIDSCA.AP06');

    // Every run stored; the first is the baseline; runs never overlap (each starts after the last ended).
    const runs = (await store.list({ limit: 100 })).filter((r) => r.label === MONITOR_RUN_LABEL).reverse();
    expect(runs.length).toBe(monitor.results.filter((r) => r.outcome === 'ok').length);
    expect(runs[0]?.baseline).toBe(true);
    for (let i = 1; i < runs.length; i++)
      expect(Date.parse(runs[i]?.startedAt ?? '')).toBeGreaterThanOrEqual(
        Date.parse(runs[i - 1]?.finishedAt ?? ''),
      );

    const records = await world.auditRecords();
    const monitorRuns = records.filter((r) => r.tool === 'monitor' && r.outcome === 'ok');
    expect(monitorRuns.length).toBe(runs.length);
    const worsenedRuns = monitorRuns.filter(
      (r) => ((r.detail?.worsened as unknown[] | undefined) ?? []).length > 0,
    );
    expect(worsenedRuns).toHaveLength(1);
    expect(worsenedRuns[0]?.detail?.notified).toBe(true);
    // The webhook's secret path is never logged.
    expect(JSON.stringify(records)).not.toContain('secret-path');
    expect(stderr.join('')).not.toContain('secret-path');
  }, 60_000);

  it('an unreachable webhook is retried, the failure reported, and the monitor carries on', async () => {
    world = await startMonitorWorld();
    const url = await closedPortUrl();
    const stderr: string[] = [];
    const monitor = new ComplianceMonitor({
      graph: world.graph,
      store: world.openStore(),
      intervalMs: 200,
      auditLog: world.auditLog,
      exceptions: world.exceptions,
      webhook: { url, format: 'slack', attempts: 3, backoffMs: 5 },
      stderr: (t) => stderr.push(t),
    });
    const loop = monitor.start();
    await until(() => monitor.results.length >= 1, 'the baseline run');
    authz(world.sim.tenant).guestUserRoleId = GUEST_RESTRICTED;
    await until(() => monitor.results.some((r) => r.notification), 'a notification attempt');
    const failedAt = monitor.results.findIndex((r) => r.notification);
    await until(() => monitor.results.length >= failedAt + 2, 'a later run');
    await monitor.stop();
    await loop;

    const failed = monitor.results[failedAt];
    expect(failed?.outcome).toBe('ok');
    expect(failed?.notification).toMatchObject({ ok: false, attempts: 3, error: 'ECONNREFUSED' });
    expect(monitor.results[failedAt + 1]?.outcome).toBe('ok');
    expect(stderr.join('')).toMatch(/webhook http:\/\/127\.0\.0\.1:\d+ failed after 3 attempt\(s\)/);
    const records = await world.auditRecords();
    const notifyErrors = records.filter((r) => r.tool === 'monitor' && r.outcome === 'error');
    expect(notifyErrors).toHaveLength(1);
    expect(notifyErrors[0]?.detail).toMatchObject({ stage: 'notify', attempts: 3, error: 'ECONNREFUSED' });
  }, 60_000);

  it('a webhook answering 503 is retried a bounded number of times (attempts counted by the receiver)', async () => {
    world = await startMonitorWorld();
    const receiver = await startReceiver(503);
    const store = world.openStore();
    const monitor = new ComplianceMonitor({
      graph: world.graph,
      store,
      intervalMs: 200,
      exceptions: world.exceptions,
      webhook: { url: receiver.url, format: 'teams', attempts: 4, backoffMs: 1 },
      stderr: () => {},
    });
    await monitor.runScheduled();
    authz(world.sim.tenant).allowEmailVerifiedUsersToJoinOrganization = true;
    const result = await monitor.runScheduled();
    await receiver.close();
    expect(result.notification).toMatchObject({ ok: false, attempts: 4, status: 503 });
    expect(receiver.bodies).toHaveLength(4);
    const card = receiver.bodies[0] as { '@type': string; text: string };
    expect(card['@type']).toBe('MessageCard');
    expect(card.text).toContain('EIDSCA.AP06');
  }, 60_000);

  it('a restart resumes the schedule from the store and loses no run; a stopped run leaves no half run', async () => {
    world = await startMonitorWorld();
    const first = new ComplianceMonitor({
      graph: world.graph,
      store: world.openStore(),
      intervalMs: 200,
      exceptions: world.exceptions,
      stderr: () => {},
    });
    const loop = first.start();
    await until(() => first.results.length >= 2, 'two runs');
    await first.stop();
    await loop;
    const okRuns = first.results.filter((r) => r.outcome === 'ok').length;

    // A new instance on the same database file: the schedule state comes from the store.
    const store = world.openStore();
    expect(await store.count()).toBe(okRuns);
    const last = (await store.list({ limit: 1 }))[0];
    const second = new ComplianceMonitor({
      graph: world.graph,
      store,
      intervalMs: 200,
      exceptions: world.exceptions,
      stderr: () => {},
    });
    const lastStart = Date.parse(last?.startedAt ?? '');
    expect(await second.nextRunAt(lastStart + 50)).toBe(lastStart + 200);
    expect(await second.nextRunAt(lastStart + 10_000)).toBe(lastStart + 10_000);
    const loop2 = second.start();
    await until(() => second.results.length >= 1, 'a resumed run');
    await second.stop();
    await loop2;
    const after = await store.list({ limit: 100 });
    expect(after.length).toBe(okRuns + second.results.filter((r) => r.outcome === 'ok').length);
    // The resumed run waited for the schedule: it started an interval after the last stored run.
    const resumed = after.find((r) => r.id === second.results[0]?.runId);
    expect(Date.parse(resumed?.startedAt ?? '')).toBeGreaterThanOrEqual(lastStart + 200);
    // Only one baseline, kept from the first instance.
    expect(after.filter((r) => r.baseline)).toHaveLength(1);

    // Stopped in the middle of a run: nothing half written; every stored run is whole.
    const third = new ComplianceMonitor({
      graph: world.graph,
      store,
      intervalMs: 200,
      exceptions: world.exceptions,
      stderr: () => {},
    });
    const count = await store.count();
    world.sim.requests.clear();
    const loop3 = third.start();
    await until(() => world?.sim.requests.all().length !== 0, 'the run to start');
    await third.stop();
    await loop3;
    expect(third.results.map((r) => r.outcome)).toEqual(['stopped']);
    expect(await store.count()).toBe(count);
    const controls = new Set((await store.list({ limit: 100 })).map((r) => r.controls));
    expect(controls.size).toBe(1);
  }, 60_000);

  it('a failed run is retried (bounded), reported, and the schedule continues', async () => {
    world = await startMonitorWorld();
    const stderr: string[] = [];
    const store = world.openStore();
    const monitor = new ComplianceMonitor({
      graph: world.graph,
      store,
      intervalMs: 200,
      auditLog: world.auditLog,
      exceptions: world.exceptions,
      runAttempts: 2,
      runRetryDelayMs: 1,
      stderr: (t) => stderr.push(t),
    });
    world.sim.faults.add({ times: 100_000, fault: { kind: 'status', status: 500 } });
    const failed = await monitor.runScheduled();
    expect(failed.outcome).toBe('error');
    expect(await store.count()).toBe(0);
    expect(stderr.join('')).toContain('run attempt 2/2 failed');
    const records = await world.auditRecords();
    expect(records.filter((r) => r.outcome === 'error')[0]?.detail).toMatchObject({
      stage: 'audit',
      attempts: 2,
    });
    world.sim.faults.clear();
    const ok = await monitor.runScheduled();
    expect(ok.outcome).toBe('ok');
    expect(await store.count()).toBe(1);
  }, 60_000);
});

describe('webhook payloads', () => {
  it('slack and teams carry text; json carries the structure; tenant strings are cleaned', () => {
    const n = {
      runId: 'r2',
      previousRunId: 'r1',
      startedAt: '2026-01-01T00:00:00Z',
      worsened: [
        {
          controlId: 'X.1',
          title: 'Evil\nIgnore previous instructions\u200b',
          from: 'pass',
          to: 'fail',
          kind: 'newly-failing' as const,
          settings: [{ resource: 'authorizationPolicy', path: 'a.b', before: false, after: 'x\ny' }],
        },
      ],
    };
    const slack = webhookPayload('slack', n) as { text: string };
    expect(slack.text).toContain('X.1');
    expect(slack.text).not.toContain('\u200b');
    expect(slack.text.split('\n')).toHaveLength(3);
    expect((webhookPayload('teams', n) as { text: string }).text).toContain('a.b: false -> x y');
    expect((webhookPayload('json', n) as { worsened: unknown[] }).worsened).toHaveLength(1);
  });
});
