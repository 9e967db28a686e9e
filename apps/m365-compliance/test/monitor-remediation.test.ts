// The monitor's auto-remediation against graph-sim: only listed controls, only when failing, only
// with writes allowed, through remediate_control's plan and the write gate, every step audited.
import type { ServerConfig } from '@m365-mcp/mcp-kit/startup';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplianceMonitor } from '../src/monitor/index.js';
import { autoRemediableControls, checkRemediationList, gateRemediator } from '../src/monitor/remediation.js';
import { type MonitorWorld, startMonitorWorld, startReceiver } from './monitor-helpers.js';
import { authz, userPermissions } from './scenarios/tenant-edits.js';

let world: MonitorWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// Failing in the demo tenant: users may register apps (5.1.2.2) and sign up for email-based
// subscriptions (AP05). Passing: email-verified users cannot join (AP06). Failing but NOT listed:
// anyone may invite guests (5.1.6.3).
const LISTED = ['CIS.M365.5.1.2.2', 'EIDSCA.AP05', 'EIDSCA.AP06'];

function monitorFor(
  w: MonitorWorld,
  options: { allowWrites: boolean; webhook?: string; retryAfterMs?: number },
) {
  const config: ServerConfig = {
    auditLogPath: w.auditPath,
    breakGlassAccounts: w.exceptions.breakGlassAccounts,
    allowWrites: options.allowWrites,
    demo: false,
    settings: {},
  };
  const stderr: string[] = [];
  const monitor = new ComplianceMonitor({
    graph: w.graph,
    store: w.openStore(),
    intervalMs: 60_000,
    auditLog: w.auditLog,
    exceptions: w.exceptions,
    runAttempts: 1,
    stderr: (t) => stderr.push(t),
    ...(options.webhook ? { webhook: { url: options.webhook, format: 'json' as const, backoffMs: 1 } } : {}),
    remediation: {
      controls: LISTED,
      ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
      remediate: gateRemediator({
        graph: w.graph,
        config,
        server: 'm365-compliance',
        auditLog: w.auditLog,
        caller: 'tester',
        session: 'monitor-test',
        stderr: (t) => stderr.push(t),
      }),
    },
  });
  return { monitor, stderr };
}

function policyWrites(w: MonitorWorld) {
  return w.sim.requests.all().filter((r) => r.method !== 'GET' && r.path.startsWith('/policies/'));
}

describe('monitor auto-remediation', () => {
  it('fixes the failing listed controls once, through the write gate, audited and notified; nothing else', async () => {
    world = await startMonitorWorld({ writes: true });
    const receiver = await startReceiver();
    const { monitor } = monitorFor(world, { allowWrites: true, webhook: receiver.url });

    const first = await monitor.runScheduled();
    expect(first.outcome).toBe('ok');
    expect(first.remediations?.map((r) => [r.controlId, r.status])).toEqual([
      ['CIS.M365.5.1.2.2', 'applied'],
      ['EIDSCA.AP05', 'applied'],
    ]);
    const t = world.sim.tenant;
    expect(userPermissions(t).allowedToCreateApps).toBe(false);
    expect(authz(t).allowedToSignUpEmailBasedSubscriptions).toBe(false);
    // Failing but not on the list: left alone.
    expect(authz(t).allowInvitesFrom).toBe('everyone');
    expect(policyWrites(world).map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /policies/authorizationPolicy',
      'PATCH /policies/authorizationPolicy',
    ]);

    // The next run sees them pass and writes nothing more.
    const second = await monitor.runScheduled();
    expect(second.remediations).toBeUndefined();
    expect(policyWrites(world)).toHaveLength(2);
    await receiver.close();

    const records = await world.auditRecords();
    const writes = records.filter((r) => r.tool === 'remediate_control');
    expect(writes.map((r) => r.outcome)).toEqual(['planned', 'applied', 'planned', 'applied']);
    for (const r of writes) expect(r.detail?.confirmedBy).toMatch(/monitor allow-list/);
    const runLine = records.find((r) => r.tool === 'monitor' && r.detail?.stage === 'run');
    expect(runLine?.detail?.remediations).toEqual([
      expect.objectContaining({ controlId: 'CIS.M365.5.1.2.2', status: 'applied' }),
      expect.objectContaining({ controlId: 'EIDSCA.AP05', status: 'applied' }),
    ]);
    // The first run is the baseline (nothing got worse) but the writes are still announced, once.
    expect(receiver.bodies).toHaveLength(1);
    const body = receiver.bodies[0] as { remediations: { controlId: string }[]; text: string };
    expect(body.remediations.map((r) => r.controlId)).toEqual(['CIS.M365.5.1.2.2', 'EIDSCA.AP05']);
    expect(body.text).toContain('Auto-remediation (2)');
  });

  it('without --allow-writes refuses every remediation and sends nothing, but still audits and stores the run', async () => {
    world = await startMonitorWorld({ writes: true });
    const { monitor } = monitorFor(world, { allowWrites: false });

    const run = await monitor.runScheduled();

    expect(run.outcome).toBe('ok');
    expect(run.remediations?.map((r) => r.status)).toEqual(['refused', 'refused']);
    expect(policyWrites(world)).toHaveLength(0);
    expect(userPermissions(world.sim.tenant).allowedToCreateApps).toBe(true);
    const outcomes = (await world.auditRecords())
      .filter((r) => r.tool === 'remediate_control')
      .map((r) => r.outcome);
    expect(outcomes).toEqual(['refused', 'refused']);
  });

  it('reports a write Graph refuses (no write permission) and keeps monitoring', async () => {
    world = await startMonitorWorld({ writes: false });
    const { monitor, stderr } = monitorFor(world, { allowWrites: true });

    const run = await monitor.runScheduled();

    expect(run.outcome).toBe('ok');
    expect(run.runId).toBeDefined();
    expect(run.remediations?.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(run.remediations?.[0]?.message).toMatch(/Policy\.ReadWrite\.Authorization/);
    expect(stderr.join('')).toMatch(/remediation of CIS\.M365\.5\.1\.2\.2: failed/);
    expect(userPermissions(world.sim.tenant).allowedToCreateApps).toBe(true);

    // The next run does not knock on the same closed door: held back, said, not sent.
    const attempts = () => world?.sim.requests.all().filter((r) => r.method === 'PATCH').length;
    const before = attempts();
    const next = await monitor.runScheduled();
    expect(next.remediations).toBeUndefined();
    expect(next.remediationsHeld).toEqual(['CIS.M365.5.1.2.2', 'EIDSCA.AP05']);
    expect(attempts()).toBe(before);
    expect(stderr.join('')).toMatch(/remediation of EIDSCA\.AP05: not tried again before /);
    const runLine = (await world.auditRecords()).filter((r) => r.detail?.stage === 'run').at(-1);
    expect(runLine?.detail?.remediationsHeld).toEqual(['CIS.M365.5.1.2.2', 'EIDSCA.AP05']);
  });

  it('tries a failed fix again once the retry delay has passed', async () => {
    world = await startMonitorWorld({ writes: false });
    const { monitor } = monitorFor(world, { allowWrites: true, retryAfterMs: 0 });

    await monitor.runScheduled();
    const again = await monitor.runScheduled();

    expect(again.remediationsHeld).toBeUndefined();
    expect(again.remediations?.map((r) => r.status)).toEqual(['failed', 'failed']);
  });
});

describe('checkRemediationList', () => {
  it('accepts the unattended allow-list, de-duplicated', () => {
    expect(checkRemediationList([' CIS.M365.5.1.2.2', 'CIS.M365.5.1.2.2', ''])).toEqual(['CIS.M365.5.1.2.2']);
    expect(autoRemediableControls).not.toContain('CIS.M365.5.1.5.2');
  });

  it('refuses unknown controls and those that need a person’s decision', () => {
    expect(() => checkRemediationList(['CIS.M365.1.3.1'])).toThrow(
      /cannot auto-remediate CIS\.M365\.1\.3\.1/,
    );
    expect(() => checkRemediationList(['CIS.M365.5.1.5.2'])).toThrow(/needs a reviewer/);
  });
});
