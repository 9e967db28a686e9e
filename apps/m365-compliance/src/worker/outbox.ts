import type { MonitorNotification } from '../monitor/notification.js';
import type { DeliveryResult } from '../monitor/webhook.js';

// Exactly one notification per run, through the notification_outbox table (migration 010): a run's
// notification is recorded once (the run id is the key), and sent by a worker holding the row's lock
// in a transaction that also marks it sent. The lock goes with the worker: a worker that dies while
// sending (killed, cut off, PostgreSQL restarted) rolls back, the job is retried, and the next worker
// sends again with the same Idempotency-Key (the run id). So delivery is at least once, and exactly
// once to a receiver that honours Idempotency-Key; a duplicate can only come from a worker dying
// between the receiver's answer and the commit of `sent`.

/** The part of a pg Pool the outbox uses. */
export interface OutboxPool {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  connect(): Promise<OutboxClient>;
}
export interface OutboxClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  release(error?: Error | boolean): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

export type OutboxDelivery =
  /** This call delivered it. */
  | { status: 'sent'; attempts: number }
  /** Another attempt (an earlier run of this job) already did. */
  | { status: 'already-sent' }
  /** The receiver refused it for good (a 4xx other than 408/429): recorded, not retried. */
  | { status: 'refused'; error: string };

/** A delivery that may work later (network, 408, 429, 5xx): the job fails and pg-boss retries it. */
export class NotificationNotDeliveredError extends Error {
  override readonly name = 'NotificationNotDeliveredError';
}

export interface OutboxOptions {
  /**
   * How long the sending transaction may sit idle waiting on the webhook before PostgreSQL ends it
   * (and with it the lock): bounds how long a worker that vanished without closing its connection
   * can hold a notification. Longer than one delivery with its retries.
   */
  sendingTimeoutMs: number;
  /** How long a worker waits for another holding the same notification, before failing (and retrying). */
  lockTimeoutMs: number;
}

export class NotificationOutbox {
  constructor(
    private readonly pool: OutboxPool,
    private readonly options: OutboxOptions,
  ) {}

  /** Records the run's notification; a second call for the same run keeps the first (same content). */
  async record(
    runId: string,
    tenantId: string,
    jobId: string,
    notification: MonitorNotification,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO notification_outbox (run_id, tenant_id, job_id, notification)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (run_id) DO NOTHING`,
      [runId, tenantId, jobId, JSON.stringify(notification)],
    );
  }

  /** The state of a run's notification, for tests and operators. */
  async state(
    runId: string,
  ): Promise<{ state: string; attempts: number; lastError: string | null } | undefined> {
    const { rows } = await this.pool.query(
      'SELECT state, attempts, last_error FROM notification_outbox WHERE run_id = $1',
      [runId],
    );
    const row = rows[0];
    return row
      ? {
          state: String(row.state),
          attempts: Number(row.attempts),
          lastError: (row.last_error as string | null) ?? null,
        }
      : undefined;
  }

  /**
   * Sends the run's recorded notification unless it was sent already, holding its row locked while
   * sending and marking it sent in the same transaction.
   */
  async deliver(
    runId: string,
    send: (notification: MonitorNotification) => Promise<DeliveryResult>,
  ): Promise<OutboxDelivery> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection lost while we hold it (PostgreSQL restarted, the session ended) is reported here
    // as an event; unheard, it would end the process. The query under way fails with it anyway.
    const lost = (error: Error) => {
      broken = error;
    };
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${Math.ceil(this.options.lockTimeoutMs)}`);
      await client.query(
        `SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(this.options.sendingTimeoutMs)}`,
      );
      const { rows } = await client.query(
        'SELECT state, notification FROM notification_outbox WHERE run_id = $1 FOR UPDATE',
        [runId],
      );
      const row = rows[0];
      if (!row) throw new Error(`no notification is recorded for run ${runId}.`);
      if (row.state !== 'pending') {
        await client.query('COMMIT');
        return row.state === 'sent'
          ? { status: 'already-sent' }
          : { status: 'refused', error: 'refused by the receiver earlier' };
      }
      const result = await send(row.notification as MonitorNotification);
      if (result.ok) {
        await client.query(
          `UPDATE notification_outbox SET state = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL
           WHERE run_id = $1`,
          [runId],
        );
        await client.query('COMMIT');
        return { status: 'sent', attempts: result.attempts };
      }
      const error = result.error ?? `HTTP ${result.status ?? '?'}`;
      const final = result.status !== undefined && !retryable(result.status);
      await client.query(
        `UPDATE notification_outbox SET state = $2, attempts = attempts + 1, last_error = $3 WHERE run_id = $1`,
        [runId, final ? 'refused' : 'pending', error],
      );
      await client.query('COMMIT');
      if (final) return { status: 'refused', error };
      throw new NotificationNotDeliveredError(
        `the webhook did not take run ${runId}'s notification (${error}); the job is retried.`,
      );
    } catch (error) {
      if (!(error instanceof NotificationNotDeliveredError)) {
        broken = error instanceof Error ? error : new Error(String(error));
        await client.query('ROLLBACK').catch(() => undefined);
      }
      throw error;
    } finally {
      client.off('error', lost);
      // A connection whose transaction failed midway is dropped rather than reused.
      client.release(broken);
    }
  }
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;
