// The notification outbox on a real PostgreSQL: a run's notification is recorded once, sent by one
// worker at a time (the row's lock), marked sent in the same transaction; a worker that dies while
// sending leaves it pending for the next attempt (which sends it again, same Idempotency-Key).
import { createPool, migrate } from '@m365-mcp/postgres';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@m365-mcp/postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorNotification } from '../src/monitor/notification.js';
import type { DeliveryResult } from '../src/monitor/webhook.js';
import { NotificationNotDeliveredError, NotificationOutbox } from '../src/worker/outbox.js';

const unavailable = postgresUnavailableReason();

const notification = (runId: string): MonitorNotification => ({
  runId,
  previousRunId: 'previous',
  tenantId: 'tenant-a',
  startedAt: '2026-12-01T00:00:00.000Z',
  worsened: [],
});

describe.skipIf(unavailable !== undefined)(
  `notification outbox on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let pgServer: TestPostgres;
    let pool: ReturnType<typeof createPool>;
    let outbox: NotificationOutbox;
    beforeAll(async () => {
      pgServer = await startTestPostgres();
      pool = createPool(await pgServer.createDatabase('worker_outbox'));
      await migrate(pool);
      outbox = new NotificationOutbox(pool, { sendingTimeoutMs: 30_000, lockTimeoutMs: 30_000 });
    });
    afterAll(async () => {
      await pool?.end();
      await pgServer?.stop();
    });

    it('records once, and two workers delivering at once send it once', async () => {
      await outbox.record('run-1', 'tenant-a', 'job-1', notification('run-1'));
      await outbox.record('run-1', 'tenant-a', 'job-1', { ...notification('run-1'), previousRunId: 'other' });
      const sent: string[] = [];
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const send = async (n: MonitorNotification): Promise<DeliveryResult> => {
        sent.push(n.previousRunId ?? '');
        await held;
        return { ok: true, attempts: 1, status: 200 };
      };
      const first = outbox.deliver('run-1', send);
      // The second waits on the first's lock, then finds it sent.
      const second = outbox.deliver('run-1', send);
      await new Promise((r) => setTimeout(r, 200));
      expect(sent).toEqual(['previous']);
      release();
      const results = (await Promise.all([first, second])).map((r) => r.status).sort();
      expect(results).toEqual(['already-sent', 'sent']);
      expect(sent).toEqual(['previous']);
      expect(await outbox.state('run-1')).toEqual({ state: 'sent', attempts: 1, lastError: null });
    });

    it('a worker cut off between sending and marking leaves it pending: the next attempt sends it again', async () => {
      await outbox.record('run-2', 'tenant-a', 'job-2', notification('run-2'));
      let sends = 0;
      await expect(
        outbox.deliver('run-2', async () => {
          sends++;
          // The receiver has it; now the worker's connection dies before the commit.
          await pool.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT state, notification FROM notification_outbox%' AND pid <> pg_backend_pid()",
          );
          return { ok: true, attempts: 1, status: 200 };
        }),
      ).rejects.toThrow();
      expect((await outbox.state('run-2'))?.state).toBe('pending');
      const again = await outbox.deliver('run-2', async () => {
        sends++;
        return { ok: true, attempts: 1, status: 200 };
      });
      expect(again.status).toBe('sent');
      expect(sends).toBe(2);
    });

    it('a webhook that may recover fails the attempt (pg-boss retries it); one that refuses for good is recorded', async () => {
      await outbox.record('run-3', 'tenant-a', 'job-3', notification('run-3'));
      await expect(
        outbox.deliver('run-3', async () => ({ ok: false, attempts: 2, status: 503, error: 'HTTP 503' })),
      ).rejects.toThrow(NotificationNotDeliveredError);
      expect(await outbox.state('run-3')).toEqual({ state: 'pending', attempts: 1, lastError: 'HTTP 503' });
      expect(
        await outbox.deliver('run-3', async () => ({
          ok: false,
          attempts: 1,
          status: 400,
          error: 'HTTP 400',
        })),
      ).toEqual({ status: 'refused', error: 'HTTP 400' });
      expect((await outbox.state('run-3'))?.state).toBe('refused');
    });
  },
);
