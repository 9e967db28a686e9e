// Portfolio benchmark (`pnpm bench`, issue 15): N generated tenants (default 200) audited by 1, 2
// and 4 `m365-compliance worker` processes (the BUILT bin) from the pg-boss queue, against one
// multi-tenant graph-sim with Microsoft's per-tenant throttling, each worker count on a fresh
// database of one real PostgreSQL (@m365-mcp/postgres/testing).
//
// Prints, per worker count: wall time from enqueue to the last run stored, tenants and audits per
// minute, requests and 429s from the simulator's request log, the largest number of audits of one
// tenant at once (from pg-boss's job start and completion times), the runs stored per job; then
// the throughput ratios 2/1 and 4/1, and the wall time against the throttle-bound minimum (the
// model is printed with it). It asserts nothing about time; it exits 1 when a tenant was audited
// by more workers at once than settings.worker.tenantConcurrency allows, or a run was not stored
// exactly once (correctness, not speed).
//
// Every 20th tenant is queued twice, back to back (as when a schedule and an "audit now" meet): the
// per-tenant bound is what keeps those two audits apart, so the overlap count can fail.
//
// Time: runnable on a 2-core machine. The default 200 tenants (210 audits per worker count) took
// 3.8 minutes in all there under a load average of 12-20, 7.1 minutes with `--latency-ms 100`;
// `--tenants 20` is a quick run (about a minute).
//
//   pnpm bench [--tenants N] [--workers 1,2,4] [--concurrency C] [--latency-ms L]
//   (after a build, this benchmark alone: node bench/portfolio-bench.ts ...)
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { RequestLogEntry } from '@m365-mcp/graph-sim';
import { createPool } from '@m365-mcp/postgres';
import { postgresUnavailableReason, startTestPostgres } from '@m365-mcp/postgres/testing';
import {
  demandByTenant,
  type Interval,
  maxOverlapByKey,
  portfolioMinimum,
  throttleBoundSeconds,
} from './portfolio-model.ts';
import { type PortfolioWorld, startPortfolioWorld } from './portfolio-world.ts';

type Pool = ReturnType<typeof createPool>;

const QUEUE = 'tenant-audit';
/** Every REPEAT_EVERY-th tenant is queued twice in a row. */
const REPEAT_EVERY = 20;
/** A worker count that has not finished in this long is reported as such (and the bench fails). */
const GIVE_UP_MS = 60 * 60_000;

const { values: flags } = parseArgs({
  options: {
    tenants: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '2' },
    'tenant-concurrency': { type: 'string', default: '1' },
    'latency-ms': { type: 'string', default: '0' },
  },
  strict: true,
});

function wholeNumber(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    process.stderr.write(`portfolio bench: ${flag} must be a whole number from 1 to ${max}, not "${text}"\n`);
    process.exit(2);
  }
  return n;
}

const tenantCount = wholeNumber(flags.tenants, '--tenants', 2_000);
const workerCounts = flags.workers.split(',').map((w) => wholeNumber(w.trim(), '--workers', 16));
const perWorker = wholeNumber(flags.concurrency, '--concurrency', 64);
const tenantConcurrency = wholeNumber(flags['tenant-concurrency'], '--tenant-concurrency', 20);
/** Added by the simulator to every Graph response (network round trip); none by default. */
const latencyMs = flags['latency-ms'] === '0' ? 0 : wholeNumber(flags['latency-ms'], '--latency-ms', 5_000);

interface JobRow {
  id: string;
  tenantId: string;
  state: string;
  retryCount: number;
  startedOn: Date | null;
  completedOn: Date | null;
}

interface Measure {
  workers: number;
  slots: number;
  jobs: number;
  wallSeconds: number;
  tenantsDone: number;
  auditsDone: number;
  failedJobs: number;
  retried: number;
  httpRequests: number;
  operations: number;
  tokenRequests: number;
  throttled: number;
  maxPerTenant: number;
  runsStored: number;
  exactlyOnce: boolean;
  missing: string[];
  meanAuditSeconds: number;
  perTenantBound: Map<string, { seconds: number; by: string }>;
  demand: ReturnType<typeof demandByTenant>;
  gaveUp: boolean;
  load: number[];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function queueOrder(world: PortfolioWorld): string[] {
  return world.tenants.flatMap((t, i) => ((i + 1) % REPEAT_EVERY === 0 ? [t.name, t.name] : [t.name]));
}

async function jobRows(pool: Pool): Promise<JobRow[]> {
  const { rows } = await pool.query<{
    id: string;
    group_id: string;
    state: string;
    retry_count: number;
    started_on: Date | null;
    completed_on: Date | null;
  }>('SELECT id, group_id, state, retry_count, started_on, completed_on FROM pgboss.job WHERE name = $1', [
    QUEUE,
  ]);
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.group_id,
    state: r.state,
    retryCount: r.retry_count,
    startedOn: r.started_on,
    completedOn: r.completed_on,
  }));
}

async function measure(world: PortfolioWorld, databaseUrl: string, workers: number): Promise<Measure> {
  world.resetThrottling();
  world.sim.requests.clear();
  const order = queueOrder(world);
  const pool = createPool(databaseUrl, { max: 2 });
  // The first worker migrates the run store and creates pg-boss's schema; the others find them.
  const processes = [await world.spawnWorker(databaseUrl, perWorker)];
  processes.push(
    ...(await Promise.all(
      Array.from({ length: workers - 1 }, () => world.spawnWorker(databaseUrl, perWorker)),
    )),
  );
  try {
    const {
      rows: [clock],
    } = await pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    const enqueuedAt = clock?.now ?? new Date();
    await world.enqueue(databaseUrl, order);
    const deadline = Date.now() + GIVE_UP_MS;
    let jobs: JobRow[] = [];
    let gaveUp = false;
    for (;;) {
      jobs = await jobRows(pool);
      const ended = jobs.filter((j) => j.state === 'completed' || j.state === 'failed').length;
      if (ended === order.length) break;
      if (Date.now() > deadline) {
        gaveUp = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    const { rows: runs } = await pool.query<{ id: string; tenant_id: string; stored_at: Date }>(
      "SELECT id, tenant_id, stored_at FROM runs WHERE label = 'worker'",
    );
    const lastStored = Math.max(...runs.map((r) => r.stored_at.getTime()));
    const wallSeconds = (lastStored - enqueuedAt.getTime()) / 1000;
    const completed = jobs.filter((j) => j.state === 'completed');
    // Exactly once: one run per completed job, stored under the job's id, for the job's tenant.
    const runsById = new Map<string, number>();
    for (const r of runs) runsById.set(r.id, (runsById.get(r.id) ?? 0) + 1);
    const jobsById = new Map(jobs.map((j) => [j.id, j]));
    const exactlyOnce =
      runs.length === completed.length &&
      completed.every((j) => runsById.get(j.id) === 1) &&
      runs.every((r) => jobsById.get(r.id)?.tenantId === r.tenant_id);
    const withRun = new Set(runs.map((r) => r.tenant_id));
    const missing = world.tenants.filter((t) => !withRun.has(t.tenantId)).map((t) => t.name);

    // Audits of one tenant at once, from pg-boss's own times (a retried job shows its last attempt).
    const intervals: Interval[] = jobs
      .filter((j) => j.startedOn && j.completedOn)
      .map((j) => ({
        key: j.tenantId,
        start: (j.startedOn as Date).getTime(),
        end: (j.completedOn as Date).getTime(),
      }));
    const maxPerTenant = Math.max(0, ...maxOverlapByKey(intervals).values());
    const meanAuditSeconds =
      intervals.reduce((a, i) => a + (i.end - i.start), 0) / Math.max(1, intervals.length) / 1000;

    const ids = new Set(world.tenants.map((t) => t.tenantId));
    const log: RequestLogEntry[] = world.sim.requests.all().filter((e) => e.tenantId && ids.has(e.tenantId));
    const isEnvelope = (e: RequestLogEntry) => e.side === 'graph' && e.path === '/$batch';
    const operations = log.filter((e) => e.side !== 'entra' && !isEnvelope(e));
    const demand = demandByTenant(log);
    const perTenantBound = new Map(
      [...demand].map(([tenantId, d]) => [
        tenantId,
        throttleBoundSeconds(
          d,
          world.budgets.get(tenantId) as NonNullable<ReturnType<typeof world.budgets.get>>,
        ),
      ]),
    );
    return {
      workers,
      slots: workers * perWorker,
      jobs: order.length,
      wallSeconds,
      tenantsDone: withRun.size,
      auditsDone: completed.length,
      failedJobs: jobs.filter((j) => j.state === 'failed').length,
      retried: jobs.filter((j) => j.retryCount > 0).length,
      httpRequests: log.filter((e) => e.side !== 'entra' && e.batch === undefined).length,
      operations: operations.length,
      tokenRequests: log.filter((e) => e.side === 'entra' && e.method === 'POST').length,
      throttled: operations.filter((e) => e.status === 429).length,
      maxPerTenant,
      runsStored: runs.length,
      exactlyOnce,
      missing,
      meanAuditSeconds,
      perTenantBound,
      demand,
      gaveUp,
      load: loadavg(),
    };
  } finally {
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
    await pool.end();
  }
}

function machine(when: string): string {
  const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
  return `${when}: load average ${one} / ${five} / ${fifteen} (1 / 5 / 15 min), ${availableParallelism()} cores available (${cpus().length} CPUs)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const unavailable = postgresUnavailableReason();
if (unavailable !== undefined) {
  process.stderr.write(`portfolio bench: needs a real PostgreSQL, and ${unavailable}\n`);
  process.exit(1);
}

const startedAt = performance.now();
const lines: string[] = [
  `m365-compliance portfolio benchmark: ${tenantCount} generated tenants (every ${REPEAT_EVERY}th queued twice), workers ${workerCounts.join(', ')}, ${perWorker} audits at once per worker (--concurrency), at most ${tenantConcurrency} per tenant, Graph latency ${latencyMs} ms`,
  machine('start'),
];
process.stdout.write(`${lines.join('\n')}\n`);
const world = await startPortfolioWorld({ tenants: tenantCount, tenantConcurrency, latencyMs });
const postgres = await startTestPostgres();
const measures: Measure[] = [];
try {
  for (const workers of workerCounts) {
    const databaseUrl = await postgres.createDatabase(`portfolio_${workers}_workers`);
    const m = await measure(world, databaseUrl, workers);
    measures.push(m);
    process.stdout.write(
      `  ${workers} worker(s): ${m.auditsDone}/${m.jobs} audits in ${fmt(m.wallSeconds, 1)} s${m.gaveUp ? ' (GAVE UP waiting)' : ''}\n`,
    );
  }
} finally {
  await world.close();
  await postgres.stop();
}

const header = [
  'workers',
  'slots',
  'wall s',
  'tenants/min',
  'audits/min',
  'requests',
  'ops',
  '429s',
  'tokens',
  'mean audit s',
  'max/tenant',
  'runs (jobs)',
  'once',
];
const rows = measures.map((m) => [
  String(m.workers),
  String(m.slots),
  fmt(m.wallSeconds, 1),
  fmt((m.tenantsDone / m.wallSeconds) * 60, 1),
  fmt((m.auditsDone / m.wallSeconds) * 60, 1),
  fmt(m.httpRequests),
  fmt(m.operations),
  fmt(m.throttled),
  fmt(m.tokenRequests),
  fmt(m.meanAuditSeconds, 1),
  String(m.maxPerTenant),
  `${m.runsStored} (${m.jobs})`,
  m.exactlyOnce && m.missing.length === 0 ? 'yes' : 'NO',
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const table = [header, ...rows].map((r) => r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  '));
const out = ['', ...table, ''];
out.push(
  'requests: HTTP requests to Graph and the admin APIs ($batch envelopes counted once); ops: operations with $batch members counted one by one; 429s among ops; tokens: token requests; mean audit: pg-boss start to completion per job; max/tenant: most audits of one tenant at once (pg-boss job times).',
);

const throughput = (m: Measure) => m.auditsDone / m.wallSeconds;
const base = measures.find((m) => m.workers === 1);
if (base) {
  for (const m of measures.filter((x) => x.workers > 1))
    out.push(
      `throughput ${m.workers} workers / 1 worker: ${(throughput(m) / throughput(base)).toFixed(2)}x (audits per minute)`,
    );
}

// The throttle-bound minimum, from each worker count's own request log.
const budgets = world.budgets.values().next().value;
const reference = measures[0];
if (reference && budgets) {
  // What one audit asks: the tenants queued once (the others ran two audits).
  const once = [...reference.demand.entries()]
    .filter(
      ([tenantId]) => (world.tenants.findIndex((t) => t.tenantId === tenantId) + 1) % REPEAT_EVERY !== 0,
    )
    .map(([, d]) => d);
  out.push(
    '',
    'Throttle-bound minimum. Model: every tenant has its own budgets (Microsoft documented: per app per tenant, identity',
    'protection per tenant for all apps; token buckets that start full), and the app has 130,000 requests per 10 s across',
    'all tenants. Per workload, the budget and what one audit asks of it (median over the tenants queued once):',
    ...Object.entries(budgets).map(
      ([w, b]) =>
        `  ${w.padEnd(19)} ${fmt(b.capacity)} units at once, ${fmt(b.refillPerSecond, 2)}/s after; one audit asks ${fmt(
          median(once.map((d) => d[w as keyof typeof d])),
        )}`,
    ),
    '  (units: requests, resource units for directory and SharePoint; a 429 costs nothing)',
    "  A tenant's audits need at least max over workloads of (units asked - capacity) / refill, requests taken as instantaneous.",
    '  All tenants in parallel, limited only by the budgets: max(slowest tenant, requests / 13,000 per s).',
    '  With S slots (workers x audits per worker, each audit holding one): max(that, sum over tenants / S).',
  );
  for (const m of measures) {
    const bounds = [...m.perTenantBound.values()];
    const min = portfolioMinimum(
      bounds.map((b) => b.seconds),
      m.operations,
      m.slots,
    );
    const bound = bounds.filter((b) => b.seconds > 0);
    const ratio = (minimum: number) => (minimum > 0 ? `${fmt(m.wallSeconds / minimum, 1)}x` : 'n/a');
    out.push(
      `  ${m.workers} worker(s): ${bound.length} of ${bounds.length} tenants reach a budget${
        bound.length ? ` (slowest ${fmt(Math.max(...bound.map((b) => b.seconds)), 1)} s)` : ''
      }; minimum all parallel ${fmt(min.allParallelSeconds, 2)} s, with ${m.slots} slots ${fmt(
        min.withSlotsSeconds,
        2,
      )} s; measured ${fmt(m.wallSeconds, 1)} s = ${ratio(min.withSlotsSeconds)} the minimum with slots, ${ratio(min.allParallelSeconds)} all parallel`,
    );
  }
}

let failed = false;
out.push('');
for (const m of measures) {
  const problems: string[] = [];
  if (m.maxPerTenant > tenantConcurrency)
    problems.push(
      `a tenant was audited ${m.maxPerTenant} at once, above tenantConcurrency ${tenantConcurrency}`,
    );
  if (!m.exactlyOnce)
    problems.push(`runs stored ${m.runsStored} for ${m.auditsDone} completed jobs (not one each)`);
  if (m.missing.length)
    problems.push(`no run for ${m.missing.length} tenant(s): ${m.missing.slice(0, 10).join(', ')}`);
  if (m.gaveUp) problems.push('gave up waiting for the queue to drain');
  if (problems.length) failed = true;
  out.push(
    `${m.workers} worker(s): per-tenant concurrency ${m.maxPerTenant} <= ${tenantConcurrency}: ${m.maxPerTenant <= tenantConcurrency ? 'ok' : 'EXCEEDED'}; every tenant's run stored exactly once: ${
      m.exactlyOnce && m.missing.length === 0 ? 'ok' : 'NO'
    }; ${m.failedJobs} job(s) failed, ${m.retried} retried; load after: ${m.load.map((n) => n.toFixed(2)).join(' / ')}${
      problems.length ? `\n  FAILED: ${problems.join('; ')}` : ''
    }`,
  );
}
out.push(machine('end'), `benchmark took ${fmt((performance.now() - startedAt) / 60_000, 1)} min`);
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = failed ? 1 : 0;
