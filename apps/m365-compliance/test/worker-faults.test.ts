// Fault tests of `m365-compliance worker` (the BUILT bin, as child processes) on a real PostgreSQL
// and one graph-sim hosting several tenants: a worker killed mid-audit, PostgreSQL restarted
// mid-run, a tenant whose consent was revoked, a tenant throttled hard. No timing assertions: each
// test waits for events (the simulator's request log, job states, stored runs).
import { postgresUnavailableReason } from '@m365-mcp/postgres/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKER_RUN_LABEL } from '../src/worker/audit-job.js';
import {
  allPassingRun,
  deadLetters,
  jobState,
  startWorkerWorld,
  until,
  type WorkerWorld,
} from './worker-helpers.js';

const unavailable = postgresUnavailableReason();

describe.skipIf(unavailable !== undefined)(
  `worker faults on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let world: WorkerWorld | undefined;
    afterEach(async () => {
      await world?.close();
      world = undefined;
    });

    it('a worker killed (SIGKILL) mid-audit: another finishes the job, one run stored, one notification sent', async () => {
      world = await startWorkerWorld({ database: 'worker_kill', tenants: 1 });
      const w = world;
      const [tenant] = w.tenants;
      if (!tenant) throw new Error('no tenant');
      // A previous run where everything passed: this audit's failures are "worse", so it notifies.
      const store = await w.store();
      await store.save(allPassingRun(tenant.tenantId, '2026-01-01T00:00:00.000Z'), { baseline: true });

      const first = await w.spawnWorker();
      const jobs = await w.enqueue();
      const jobId = jobs.get(tenant.name) ?? '';
      // The first worker's audit is under way once the tenant's Graph sees its reads.
      await until(
        () => w.sim.requests.all().some((e) => e.tenantId === tenant.tenantId && e.side === 'graph'),
        "the first worker's audit to reach Graph",
      );
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe(null);
      expect(await store.get(jobId)).toBeUndefined();

      const second = await w.spawnWorker();
      const boss = await w.boss();
      await until(
        async () => (await jobState(boss, jobId))?.state === 'completed',
        'the job to complete',
      ).catch(async (error) => {
        console.log(first.stderr(), '\n---\n', second.stderr(), JSON.stringify(await jobState(boss, jobId)));
        throw error;
      });
      const job = await jobState(boss, jobId);
      expect(job?.retryCount).toBeGreaterThanOrEqual(1);
      expect(second.stderr()).toContain(`job ${jobId}: auditing tenant ${tenant.name}`);

      const runs = await store.list({ tenantId: tenant.tenantId });
      const workerRuns = runs.filter((r) => r.label === WORKER_RUN_LABEL);
      expect(workerRuns.map((r) => r.id)).toEqual([jobId]);
      // Exactly one notification for the run, keyed by the run id.
      await until(() => w.receiver.keys.length >= 1, 'the notification');
      expect(w.receiver.keys).toEqual([jobId]);
      const body = w.receiver.bodies[0] as { runId: string; tenant: { name: string }; worsened: unknown[] };
      expect(body.runId).toBe(jobId);
      expect(body.tenant.name).toBe(tenant.name);
      expect(body.worsened.length).toBeGreaterThan(0);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.stderr()).toContain('stopping: no new job');
    }, 180_000);

    it('PostgreSQL restarted mid-run: the workers reconnect and every queued tenant is stored once', async () => {
      world = await startWorkerWorld({ database: 'worker_restart', tenants: 3, latencyMs: 50 });
      const w = world;
      const workers = [await w.spawnWorker({ concurrency: 2 }), await w.spawnWorker({ concurrency: 2 })];
      const jobs = await w.enqueue();
      await until(
        () => w.sim.requests.all().some((e) => e.side === 'graph' && e.tenantId !== w.sim.tenantId),
        'audits to reach Graph',
      );
      await w.pg.restart();
      const boss = await w.boss();
      await until(async () => {
        for (const id of jobs.values()) if ((await jobState(boss, id))?.state !== 'completed') return false;
        return true;
      }, 'every job to complete after the restart');
      const store = await w.store();
      for (const tenant of w.tenants) {
        const runs = (await store.list({ tenantId: tenant.tenantId })).filter(
          (r) => r.label === WORKER_RUN_LABEL,
        );
        expect(runs.map((r) => r.id)).toEqual([jobs.get(tenant.name)]);
      }
      // The restart reached the workers (their connections were cut) and they carried on.
      expect(workers.some((x) => x.stderr().includes('terminating connection'))).toBe(true);
      for (const worker of workers) worker.child.kill('SIGTERM');
      for (const worker of workers) expect(await worker.exited).toBe(0);
    }, 240_000);

    it("a tenant whose consent was revoked fails alone, with Entra's reason, and ends in the dead letter queue", async () => {
      world = await startWorkerWorld({ database: 'worker_revoked', tenants: 3 });
      const w = world;
      const [, revoked] = w.tenants;
      if (!revoked) throw new Error('no tenant');
      expect(w.sim.revokeConsent(revoked.tenantId, w.clientId)).toBe(true);
      const worker = await w.spawnWorker({ concurrency: 2 });
      const jobs = await w.enqueue();
      const boss = await w.boss();
      await until(
        async () => (await deadLetters(boss)).length === 1,
        'the revoked tenant in the dead letter queue',
      );
      const [dead] = await deadLetters(boss);
      expect(dead?.data).toEqual({ tenant: revoked.name, tenantId: revoked.tenantId });
      const failed = await jobState(boss, jobs.get(revoked.name) ?? '');
      expect(failed?.state).toBe('failed');
      expect(failed?.retryCount).toBe(2);
      const error = JSON.stringify(failed?.output);
      expect(error).toContain(`signing in to tenant ${revoked.name} (${revoked.tenantId}) failed`);
      expect(error).toContain('AADSTS700016');
      expect(error).not.toContain(process.env.MSP_CLIENT_SECRET ?? 'no-secret-in-this-process');

      const store = await w.store();
      for (const tenant of w.tenants.filter((t) => t !== revoked)) {
        await until(
          async () => (await jobState(boss, jobs.get(tenant.name) ?? ''))?.state === 'completed',
          `${tenant.name}'s audit`,
        );
        expect((await store.get(jobs.get(tenant.name) ?? ''))?.tenantId).toBe(tenant.tenantId);
      }
      expect(await store.count({ tenantId: revoked.tenantId })).toBe(0);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }, 240_000);

    it('a tenant throttled hard does not hold up the others', async () => {
      world = await startWorkerWorld({ database: 'worker_throttled', tenants: 3 });
      const w = world;
      const [slow, ...others] = w.tenants;
      if (!slow) throw new Error('no tenant');
      const throttling = w.sim.throttlingOf(slow.tenantId);
      throttling.setMode('faithful');
      throttling.configure('directory', { capacity: 2, refillPerSecond: 1, retryAfterSeconds: 1 });
      const worker = await w.spawnWorker({ concurrency: 3 });
      const jobs = await w.enqueue();
      const boss = await w.boss();
      for (const tenant of others)
        await until(
          async () => (await jobState(boss, jobs.get(tenant.name) ?? ''))?.state === 'completed',
          `${tenant.name}'s audit`,
        );
      const store = await w.store();
      for (const tenant of others) expect(await store.count({ tenantId: tenant.tenantId })).toBe(1);
      // The throttled tenant really was throttled (and its audit is still allowed to finish).
      await until(
        () => w.sim.requests.all().some((e) => e.tenantId === slow.tenantId && e.throttled),
        'the throttled tenant to be answered 429',
      );
      expect(w.sim.requests.all().some((e) => e.tenantId !== slow.tenantId && e.throttled)).toBe(false);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }, 240_000);
  },
);
