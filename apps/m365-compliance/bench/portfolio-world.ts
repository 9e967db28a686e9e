// The portfolio benchmark's world: one graph-sim hosting N generated tenants with one multi-tenant
// app (the MSP model) consented in each and Microsoft's documented per-tenant throttling budgets,
// a tenants registry naming them, a config file, and the BUILT bin's `worker` and `enqueue`
// commands as child processes (the turbo `bench` task builds first).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissionsFor } from '@m365-mcp/auth';
import { type GraphSim, generateTenant, startGraphSim } from '@m365-mcp/graph-sim';
import { compliancePermissions } from '@m365-mcp/m365-compliance';
import { simulatorUrls } from '@m365-mcp/mcp-kit/demo';
import { type Budgets, tenantBudgets } from './portfolio-model.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'm365-compliance.js');

export interface PortfolioTenant {
  name: string;
  tenantId: string;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker's last stderr lines (its per-job lines would grow without bound). */
  tail(): string;
  exited: Promise<number | null>;
}

export interface PortfolioWorld {
  sim: GraphSim;
  tenants: PortfolioTenant[];
  /** Each tenant's throttling budgets, as configured in the simulator (the model reads the same). */
  budgets: Map<string, Budgets>;
  /** Puts every tenant's buckets back to full with its budgets (between worker counts). */
  resetThrottling(): void;
  spawnWorker(databaseUrl: string, concurrency: number): Promise<WorkerProcess>;
  /** `m365-compliance enqueue --tenant a --tenant b ...`: one job per name, in this order. */
  enqueue(databaseUrl: string, names: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface PortfolioWorldOptions {
  tenants: number;
  /** settings.worker.tenantConcurrency of the workers' config. */
  tenantConcurrency: number;
  /** The simulator's added latency per Graph response. */
  latencyMs: number;
}

/** `tenant-001`...: names that sort as they count (graph-sim's --tenants uses the same form). */
function tenantName(index: number, count: number): string {
  return `tenant-${String(index).padStart(Math.max(2, String(count).length), '0')}`;
}

export async function startPortfolioWorld(options: PortfolioWorldOptions): Promise<PortfolioWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-portfolio-bench-'));
  const generated = Array.from({ length: options.tenants }, (_, i) =>
    generateTenant({ seed: i + 1, name: tenantName(i + 1, options.tenants) }),
  );
  // Microsoft's throttling, modelled per app per tenant (and per tenant for identity protection).
  const sim = await startGraphSim({
    tenants: generated,
    throttling: 'faithful',
    latencyMs: options.latencyMs,
  });
  const roles = permissionsFor(compliancePermissions, { writes: false }).map((p) => p.permission);
  const app = sim.registerApp({ displayName: 'msp compliance workers', roles });
  const budgets = new Map<string, Budgets>();
  for (const tenant of generated) {
    sim.consent(tenant.id, app.clientId);
    budgets.set(tenant.id, tenantBudgets(tenant.directory.users.length));
  }
  const resetThrottling = () => {
    for (const [tenantId, tenantBudget] of budgets) {
      const throttling = sim.throttlingOf(tenantId);
      throttling.reset();
      for (const [workload, budget] of Object.entries(tenantBudget))
        throttling.configure(workload as keyof Budgets, budget);
    }
  };
  resetThrottling();

  const tenants = generated.map((t) => ({ name: t.initialDomain.split('.')[0] as string, tenantId: t.id }));
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
        worker: {
          tenantConcurrency: options.tenantConcurrency,
          // An idle worker asks again within half a second (2 s by default), so the queue's polling
          // does not hide the throughput; a failed audit is retried after a second, not a minute.
          pollingIntervalSeconds: 0.5,
          retryDelaySeconds: 1,
          retryDelayMaxSeconds: 5,
        },
      },
    }),
  );
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...simulatorUrls(sim),
    HOME: dir,
    MSP_CLIENT_SECRET: app.secret ?? '',
    NODE_EXTRA_CA_CERTS: caFile,
    M365_MCP_CONFIG: configPath,
  };
  const children: ChildProcess[] = [];

  const run = (databaseUrl: string, args: string[]) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...baseEnv, DATABASE_URL: databaseUrl },
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-8_000);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, tail: () => stderr, exited };
  };

  return {
    sim,
    tenants,
    budgets,
    resetThrottling,
    async spawnWorker(databaseUrl, concurrency) {
      const worker = run(databaseUrl, [
        'worker',
        '--tenants',
        registryPath,
        '--concurrency',
        String(concurrency),
      ]);
      // Started once it says it takes audits (its pg-boss is up and the queue exists).
      await new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (worker.tail().includes('taking tenant audits')) {
            clearInterval(check);
            resolve();
          } else if (worker.child.exitCode !== null) {
            clearInterval(check);
            reject(new Error(`a worker exited on start: ${worker.tail()}`));
          }
        }, 50);
      });
      return worker;
    },
    async enqueue(databaseUrl, names) {
      const p = run(databaseUrl, [
        'enqueue',
        '--tenants',
        registryPath,
        ...names.flatMap((n) => ['--tenant', n]),
      ]);
      const code = await p.exited;
      if (code !== 0) throw new Error(`enqueue exited ${code}: ${p.tail()}`);
    },
    async close() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
