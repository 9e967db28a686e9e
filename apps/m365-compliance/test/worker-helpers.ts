import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionsFor } from '@m365-mcp/auth';
import { type AuditRun, catalogue } from '@m365-mcp/cis-bridge';
import { type GraphSim, generateTenant, startGraphSim } from '@m365-mcp/graph-sim';
import { simulatorUrls } from '@m365-mcp/mcp-kit/demo';
import { openPgRunStore, type PgRunStore } from '@m365-mcp/postgres';
import { startTestPostgres, type TestPostgres } from '@m365-mcp/postgres/testing';
import { PgBoss } from 'pg-boss';
import { compliancePermissions } from '../src/permissions.js';
import { TENANT_AUDIT_DEAD_LETTER_QUEUE, TENANT_AUDIT_QUEUE } from '../src/worker/queue.js';

// The worker's world for fault tests: a real PostgreSQL, one graph-sim hosting several generated
// tenants with one multi-tenant app consented in each (holding the compliance server's Graph read
// permissions), a tenants registry naming them, a webhook receiver counting Idempotency-Keys, and
// the BUILT bin's `worker` as child processes (the repo's test command builds first).

const bin = fileURLToPath(new URL('../bin/m365-compliance.js', import.meta.url));

export interface WorldTenant {
  name: string;
  tenantId: string;
}

export interface Receiver {
  url: string;
  /** Every POST's Idempotency-Key, in arrival order. */
  keys: string[];
  bodies: unknown[];
  close(): Promise<void>;
}

export interface WorkerProcess {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

export interface WorkerWorld {
  pg: TestPostgres;
  databaseUrl: string;
  sim: GraphSim;
  clientId: string;
  tenants: WorldTenant[];
  receiver: Receiver;
  registryPath: string;
  /** A worker, once it takes jobs. */
  spawnWorker(options?: { concurrency?: number }): Promise<WorkerProcess>;
  /** `m365-compliance enqueue` through the bin; the job ids by tenant name. */
  enqueue(names?: string[]): Promise<Map<string, string>>;
  store(): Promise<PgRunStore>;
  boss(): Promise<PgBoss>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const keys: string[] = [];
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString('utf8');
    });
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key'] ?? ''));
      bodies.push(JSON.parse(data));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/secret-path`,
    keys,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function startWorkerWorld(options: {
  database: string;
  tenants: number;
  /** Added to every Graph response, so audits last long enough to be interrupted. */
  latencyMs?: number;
}): Promise<WorkerWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-worker-'));
  const pg = await startTestPostgres();
  const databaseUrl = await pg.createDatabase(options.database);
  const generated = Array.from({ length: options.tenants }, (_, i) =>
    generateTenant({ seed: 100 + i, name: `customer${i + 1}` }),
  );
  const sim = await startGraphSim({ tenants: generated, latencyMs: options.latencyMs ?? 0 });
  const roles = permissionsFor(compliancePermissions, { writes: false }).map((p) => p.permission);
  const app = sim.registerApp({ displayName: 'msp workers', roles });
  for (const t of generated) sim.consent(t.id, app.clientId);
  const tenants = generated.map((t, i) => ({ name: `customer${i + 1}`, tenantId: t.id }));
  const registryPath = join(dir, 'tenants.json');
  await writeFile(
    registryPath,
    JSON.stringify({ signIn: { clientId: app.clientId, secretEnv: 'MSP_CLIENT_SECRET' }, tenants }),
  );
  const caFile = join(dir, 'graph-sim-ca.pem');
  await writeFile(caFile, sim.ca);
  const configPath = join(dir, 'config.json');
  await writeFile(
    configPath,
    JSON.stringify({
      settings: {
        databasePath: join(dir, 'unused.db'),
        dnsServers: [sim.dns.address],
        // Fast recovery for tests: a silent worker loses its job after 10 s (pg-boss's minimum).
        worker: {
          heartbeatSeconds: 10,
          superviseIntervalSeconds: 1,
          retryLimit: 2,
          retryDelaySeconds: 1,
          retryDelayMaxSeconds: 2,
          pollingIntervalSeconds: 0.5,
          stopGraceSeconds: 5,
        },
        monitor: { webhookAttempts: 2, webhookBackoffMs: 100 },
      },
    }),
  );
  const receiver = await startReceiver();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...simulatorUrls(sim),
    HOME: dir,
    DATABASE_URL: databaseUrl,
    MSP_CLIENT_SECRET: app.secret ?? '',
    NODE_EXTRA_CA_CERTS: caFile,
    M365_MCP_CONFIG: configPath,
  };
  const children: ChildProcess[] = [];
  const opened: { close(): Promise<void> }[] = [];

  const run = (args: string[]) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    children.push(child);
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, stderr: () => stderr, stdout: () => stdout, exited };
  };

  return {
    pg,
    databaseUrl,
    sim,
    clientId: app.clientId,
    tenants,
    receiver,
    registryPath,
    async spawnWorker(opts = {}) {
      const worker = run([
        'worker',
        '--tenants',
        registryPath,
        '--concurrency',
        String(opts.concurrency ?? 1),
        '--webhook',
        receiver.url,
      ]);
      await until(() => {
        if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${worker.stderr()}`);
        return worker.stderr().includes('taking tenant audits');
      }, 'a worker to start');
      return worker;
    },
    async enqueue(names) {
      const p = run(['enqueue', '--tenants', registryPath, ...(names ?? []).flatMap((n) => ['--tenant', n])]);
      const code = await p.exited;
      if (code !== 0) throw new Error(`enqueue exited ${code}: ${p.stderr()}`);
      return new Map(
        p
          .stdout()
          .trim()
          .split('\n')
          .map((line) => line.split('\t'))
          .map(([name, , jobId]) => [name ?? '', jobId ?? '']),
      );
    },
    async store() {
      const store = await openPgRunStore(databaseUrl);
      opened.push(store);
      return store;
    },
    async boss() {
      const boss = new PgBoss({
        connectionString: databaseUrl,
        supervise: false,
        schedule: false,
        registerInstance: false,
      });
      boss.on('error', () => undefined);
      await boss.start();
      opened.push({ close: () => boss.stop({ graceful: false }) });
      return boss;
    },
    async close() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      for (const o of opened) await o.close().catch(() => undefined);
      await receiver.close();
      await sim.close();
      await pg.stop();
    },
  };
}

/** A stored run of `tenantId` in which every control of the catalogue passed: the "previous run" a real audit worsens. */
export function allPassingRun(tenantId: string, startedAt: string): AuditRun {
  return {
    id: randomUUID(),
    source: 'graph',
    tenantId,
    startedAt,
    finishedAt: startedAt,
    label: 'planted',
    results: catalogue.map((c) => ({
      section: c.section,
      level: c.level,
      profile: c.profile,
      finding: {
        id: c.id,
        title: c.title,
        severity: c.severity,
        status: 'pass',
        resource: { type: 'tenant', id: tenantId },
        evidence: {},
        recommendation: c.remediation,
        references: c.references,
      },
    })),
    snapshots: {},
  };
}

/** A tenant-audit job's state (or the dead letter queue's copy of it). */
export async function jobState(boss: PgBoss, jobId: string) {
  const [job] = await boss.findJobs(TENANT_AUDIT_QUEUE, { id: jobId });
  return job;
}

export async function deadLetters(boss: PgBoss) {
  return boss.findJobs<{ tenant: string; tenantId: string }>(TENANT_AUDIT_DEAD_LETTER_QUEUE);
}

/** Waits (polling, no timing assertion) until `condition` holds. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
