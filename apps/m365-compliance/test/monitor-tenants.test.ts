// `monitor --tenants`: one schedule per tenant of the registry in one process, against one graph-sim
// hosting several tenants and one multi-tenant app consented in each. Time is a hand-moved clock.
import { EventEmitter } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReleaseSlot, SharedRequestBudget } from '@m365-mcp/graph-core';
import { afterEach, describe, expect, it } from 'vitest';
import { demoBreakGlassAccounts } from '../src/analysis/settings.js';
import {
  MONITOR_RUN_LABEL,
  runMonitorCli,
  TenantsMonitor,
  type TenantsMonitorEvent,
  tenantMonitorOpener,
} from '../src/monitor/index.js';
import { startReceiver, until, type WebhookReceiver } from './monitor-helpers.js';
import { ManualClock, startTenantsWorld, type TenantsWorld } from './monitor-tenants-helpers.js';
import { authz } from './scenarios/tenant-edits.js';

const HOUR = 3_600_000;
// Guest access: the same as members (CIS 5.1.6.2 fails) and the most restricted (it passes).
const GUESTS_AS_MEMBERS = 'a0b1b346-4d3e-4e8b-98f8-753987be4970';
const GUESTS_RESTRICTED = '2af84b1e-32c8-42b7-82bc-daa82404023b';

let world: TenantsWorld | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  await world?.close();
  world = undefined;
  receiver = undefined;
});

/** The app's shared budget, counting the requests that went through it. */
class CountingBudget extends SharedRequestBudget {
  acquired = 0;
  override async acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    const release = await super.acquire(signal);
    this.acquired += 1;
    return release;
  }
}

function scheduledMonitor(
  w: TenantsWorld,
  options: { intervalMs: number; concurrency: number; budget?: SharedRequestBudget },
) {
  const clock = new ManualClock(Date.now());
  const events: TenantsMonitorEvent[] = [];
  const stderr: string[] = [];
  const shared = {
    store: w.store,
    intervalMs: options.intervalMs,
    auditLog: w.auditLog,
    exceptions: { breakGlassAccounts: [...demoBreakGlassAccounts] },
    clock,
    runAttempts: 1,
    stderr: (t: string) => void stderr.push(t),
  };
  const monitor = new TenantsMonitor({
    tenants: w.tenants,
    store: w.store,
    intervalMs: options.intervalMs,
    concurrency: options.concurrency,
    clock,
    onEvent: (e) => void events.push(e),
    stderr: shared.stderr,
    open: tenantMonitorOpener({
      registry: w.registry,
      env: w.env,
      ca: w.sim.ca,
      shared,
      ...(options.budget ? { budget: options.budget } : {}),
    }),
  });
  const finished = (n: number) =>
    until(() => events.filter((e) => e.type === 'run-finished').length >= n, `${n} finished run(s)`, 120_000);
  return { monitor, clock, events, stderr, finished };
}

/** The most runs under way at once, replaying the start and finish events in order. */
function mostAtOnce(events: readonly TenantsMonitorEvent[]): number {
  let current = 0;
  let most = 0;
  for (const e of events) {
    current += e.type === 'run-started' ? 1 : -1;
    most = Math.max(most, current);
  }
  return most;
}

describe('monitor --tenants: a schedule per tenant', () => {
  it("audits each tenant on its own schedule, first runs spread over the interval, each run stored with its tenant's id and baseline", async () => {
    world = await startTenantsWorld();
    const w = world;
    const { monitor, clock, events, finished } = scheduledMonitor(w, {
      intervalMs: 3 * HOUR,
      concurrency: 2,
    });
    const t0 = clock.now();
    const loop = monitor.start();
    await finished(1);
    clock.advance(HOUR);
    await finished(2);
    clock.advance(HOUR);
    await finished(3);
    clock.advance(HOUR);
    await finished(4);
    await monitor.stop();
    await loop;
    await monitor.close();

    // Three tenants over three hours: one an hour, then the first again an interval after its start.
    const starts = events.filter((e) => e.type === 'run-started').map((e) => [e.tenant.name, e.at - t0]);
    expect(starts).toEqual([
      ['contoso', 0],
      ['fabrikam', HOUR],
      ['northwind', 2 * HOUR],
      ['contoso', 3 * HOUR],
    ]);
    expect(monitor.results.map((r) => r.result.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);

    for (const tenant of w.tenants) {
      const runs = await w.store.list({ tenantId: tenant.tenantId });
      expect(runs.length, tenant.name).toBe(tenant.name === 'contoso' ? 2 : 1);
      expect(runs.every((r) => r.tenantId === tenant.tenantId && r.label === MONITOR_RUN_LABEL)).toBe(true);
      // Each tenant has its own baseline: its first run, not another tenant's.
      expect(runs.filter((r) => r.baseline).map((r) => r.id)).toEqual([runs.at(-1)?.id]);
      expect((await w.store.baseline({ tenantId: tenant.tenantId }))?.tenantId).toBe(tenant.tenantId);
    }
    // The second contoso run compared with contoso's first, not with the tenants audited in between.
    expect(monitor.results[3]?.result.baseline).toBe(false);

    // Every audit log record of a run names its tenant.
    const records = (await readFile(join(w.dir, 'audit.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { tool: string; arguments: { tenant?: string; tenantId?: string } });
    expect(records.filter((r) => r.tool === 'monitor').map((r) => r.arguments.tenant)).toEqual([
      'contoso',
      'fabrikam',
      'northwind',
      'contoso',
    ]);
  }, 180_000);

  it('audits at most --concurrency tenants at once (the events and the simulator’s request log agree)', async () => {
    world = await startTenantsWorld();
    const w = world;
    const { monitor, clock, events, finished } = scheduledMonitor(w, {
      intervalMs: 3 * HOUR,
      concurrency: 1,
    });
    const loop = monitor.start();
    // All three due at once: the first run's, and the other two's spread start times, passed together.
    clock.advance(3 * HOUR);
    await finished(3);
    await monitor.stop();
    await loop;
    await monitor.close();
    expect(new Set(events.map((e) => e.tenant.name)).size).toBe(3);
    expect(mostAtOnce(events)).toBe(1);

    // One tenant at a time on the wire too: each tenant's requests form one unbroken stretch of the log.
    const order = w.sim.requests
      .all()
      .map((r) => r.tenantId)
      .filter((id): id is string => id !== undefined);
    const stretches = order.filter((id, i) => i === 0 || order[i - 1] !== id);
    expect(stretches).toEqual([...new Set(stretches)]);
    expect(stretches).toHaveLength(3);
  }, 180_000);

  it('with room for two, two run together and never three; every tenant’s requests share the app’s one budget', async () => {
    world = await startTenantsWorld();
    const budget = new CountingBudget(4);
    const { monitor, clock, events, finished } = scheduledMonitor(world, {
      intervalMs: 3 * HOUR,
      concurrency: 2,
      budget,
    });
    const loop = monitor.start();
    clock.advance(3 * HOUR);
    await finished(3);
    await monitor.stop();
    await loop;
    await monitor.close();
    expect(mostAtOnce(events)).toBe(2);
    expect(monitor.results.map((r) => r.result.outcome)).toEqual(['ok', 'ok', 'ok']);
    // Every Graph and admin API request of every tenant took a slot of the one budget (sign-ins and
    // their metadata do not).
    const calls = world.sim.requests
      .all()
      .filter((r) => !r.path.includes('/oauth2/') && !r.path.includes('/.well-known/'));
    expect(budget.acquired).toBe(calls.length);
  }, 180_000);
});

describe('monitor --tenants --once (the CLI)', () => {
  async function cliRound(w: TenantsWorld, webhook: string) {
    const config = join(w.dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        settings: { databasePath: w.dbPath, monitor: { runAttempts: 1, webhookBackoffMs: 1 } },
      }),
    );
    const stderr: string[] = [];
    const code = await runMonitorCli(
      [
        '--tenants',
        w.registryPath,
        '--once',
        '--webhook',
        webhook,
        '--format',
        'json',
        '--config',
        config,
        '--audit-log',
        join(w.dir, 'cli-audit.jsonl'),
      ],
      { env: w.env, stderr: (t) => void stderr.push(t), ca: w.sim.ca, signals: new EventEmitter() },
    );
    return { code, stderr: stderr.join('') };
  }

  it("a change in one tenant's data notifies for that tenant only, naming it", async () => {
    world = await startTenantsWorld();
    const w = world;
    receiver = await startReceiver();
    const fabrikam = w.tenants.find((t) => t.name === 'fabrikam');
    const fabrikamData = w.sim.tenantById(fabrikam?.tenantId ?? '');
    if (!fabrikam || !fabrikamData) throw new Error('no fabrikam tenant');
    authz(fabrikamData).guestUserRoleId = GUESTS_RESTRICTED;
    authz(fabrikamData).allowEmailVerifiedUsersToJoinOrganization = false;

    const first = await cliRound(w, receiver.url);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('3 tenant(s) from');
    expect(receiver.bodies).toHaveLength(0);

    authz(fabrikamData).guestUserRoleId = GUESTS_AS_MEMBERS;
    authz(fabrikamData).allowEmailVerifiedUsersToJoinOrganization = true;
    const second = await cliRound(w, receiver.url);
    expect(second.code, second.stderr).toBe(0);

    expect(receiver.bodies).toHaveLength(1);
    const body = receiver.bodies[0] as {
      tenantId: string;
      tenant: { name: string; tenantId: string; displayName: string };
      text: string;
      worsened: { controlId: string }[];
    };
    expect(body.tenant).toEqual({
      name: 'fabrikam',
      tenantId: fabrikam.tenantId,
      displayName: 'FABRIKAM Customer',
    });
    expect(body.tenantId).toBe(fabrikam.tenantId);
    expect(body.text).toContain(`FABRIKAM Customer (tenant ${fabrikam.tenantId})`);
    expect(body.worsened.map((x) => x.controlId)).toEqual(
      expect.arrayContaining(['CIS.M365.5.1.6.2', 'EIDSCA.AP06']),
    );
    // Two runs per tenant, each its own tenant's.
    for (const tenant of w.tenants) expect(await w.store.count({ tenantId: tenant.tenantId })).toBe(2);
  }, 180_000);

  it('a tenant whose consent was revoked fails alone and clearly; the others are stored; it is retried next time', async () => {
    world = await startTenantsWorld();
    const w = world;
    receiver = await startReceiver();
    const northwind = w.tenants.find((t) => t.name === 'northwind');
    if (!northwind) throw new Error('no northwind tenant');
    expect(w.sim.revokeConsent(northwind.tenantId, w.app.clientId)).toBe(true);

    const revoked = await cliRound(w, receiver.url);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain(`tenant northwind (${northwind.tenantId}) failed:`);
    expect(revoked.stderr).toContain('AADSTS700016');
    expect(revoked.stderr).toContain('the other tenants carry on');
    expect(revoked.stderr).not.toContain(w.app.secret ?? 'no secret');
    expect(await w.store.count({ tenantId: northwind.tenantId })).toBe(0);
    for (const t of w.tenants.filter((t) => t !== northwind))
      expect(await w.store.count({ tenantId: t.tenantId }), t.name).toBe(1);

    // Consent restored: its next run signs in and is stored as its baseline.
    w.sim.consent(northwind.tenantId, w.app.clientId);
    const restored = await cliRound(w, receiver.url);
    expect(restored.code, restored.stderr).toBe(0);
    const runs = await w.store.list({ tenantId: northwind.tenantId });
    expect(runs.map((r) => r.baseline)).toEqual([true]);
  }, 180_000);

  it('auto-remediation writes to each tenant through the gate, and its audit lines name the tenant', async () => {
    world = await startTenantsWorld(['fabrikam'], { writes: true });
    const w = world;
    const auditPath = join(w.dir, 'remediation-audit.jsonl');
    const config = join(w.dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({ settings: { databasePath: w.dbPath, monitor: { runAttempts: 1 } } }),
    );
    const stderr: string[] = [];
    const code = await runMonitorCli(
      [
        '--tenants',
        w.registryPath,
        '--once',
        '--allow-writes',
        '--remediate',
        'CIS.M365.5.1.2.2',
        '--config',
        config,
        '--audit-log',
        auditPath,
      ],
      {
        env: w.env,
        stderr: (t) => void stderr.push(t),
        ca: w.sim.ca,
        signals: new EventEmitter(),
      },
    );
    expect(code, stderr.join('')).toBe(0);
    const writes = (await readFile(auditPath, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { tool?: string; detail?: { tenant?: { name: string } } })
      .filter((record) => record.tool === 'remediate_control');
    expect(writes.length).toBeGreaterThan(0);
    for (const record of writes) expect(['contoso', 'fabrikam']).toContain(record.detail?.tenant?.name);
    expect(writes.map((record) => record.detail?.tenant?.name)).toContain('contoso');
  }, 180_000);

  it('refuses what makes no sense with --tenants, with a clear message', async () => {
    const stderr: string[] = [];
    const run = (args: string[], env: Record<string, string> = {}) =>
      runMonitorCli(args, { env: { HOME: '/nonexistent', ...env }, stderr: (t) => void stderr.push(t) });
    expect(await run(['--once', '--concurrency', '2'])).toBe(1);
    expect(stderr.join('')).toContain('--concurrency bounds the tenants audited at once: it needs --tenants');
    stderr.length = 0;
    expect(await run(['--once', '--demo', '--tenants', '/nonexistent/tenants.json'])).toBe(1);
    expect(stderr.join('')).toContain('--demo monitors the one demo tenant');
    stderr.length = 0;
    expect(
      await run(['--once', '--concurrency', '0'], { M365_TENANTS_FILE: '/nonexistent/tenants.json' }),
    ).toBe(1);
    expect(stderr.join('')).toContain('--concurrency must be a whole number from 1 to 64, not "0"');
    stderr.length = 0;
    expect(await run(['--once', '--tenants', '/nonexistent/tenants.json'])).toBe(1);
    expect(stderr.join('')).toContain('/nonexistent/tenants.json');
  });
});
