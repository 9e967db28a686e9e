import { lock } from 'proper-lockfile';
import { AuditLogError } from './errors.js';

/** How several processes take turns appending to one log (AuditLogOptions.lock). */
export interface AppendLockOptions {
  /**
   * A lock not refreshed for this long is taken over: its holder died (SIGKILL, a power cut)
   * without removing it. The holder refreshes it every half of this while it holds it. Default
   * 10,000 ms; at least 2,000 ms. Every process sharing a log must use the same value.
   */
  staleMs?: number;
  /**
   * How long an append waits for another process to release the lock before it fails; longer
   * than staleMs, so a dead holder's lock is taken over rather than failing the append. Default
   * 30,000 ms; 0 tries once.
   */
  waitMs?: number;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;
const MIN_STALE_MS = 2_000;
/** A waiter polls the lock (mkdir) at most this far apart: an append holds it a few ms. */
const MAX_POLL_MS = 20;

/** Where the lock of a log is: a directory beside it, present only while an append is under way. */
export function lockPathOf(logPath: string): string {
  return `${logPath}.lock`;
}

export type ReleaseLock = () => Promise<void>;

/** The lock options checked, with their defaults; a bad value is an AuditLogError that says which. */
export function appendLockSettings(options: AppendLockOptions = {}): Required<AppendLockOptions> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  if (!Number.isInteger(staleMs) || staleMs < MIN_STALE_MS) {
    throw new AuditLogError(
      `lock.staleMs must be a whole number of milliseconds, at least ${MIN_STALE_MS}; got ${staleMs}`,
    );
  }
  if (!Number.isInteger(waitMs) || waitMs < 0) {
    throw new AuditLogError(`lock.waitMs must be a whole number of milliseconds, 0 or more; got ${waitMs}`);
  }
  return { staleMs, waitMs };
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

/**
 * Takes the exclusive lock on a log (proper-lockfile: an atomic mkdir of `<log>.lock`, whose
 * mtime the holder keeps fresh), waiting up to about `waitMs` for another process to release it.
 * `realPath` is the log's path with symlinks resolved, so every process locks the same directory.
 * The returned function releases it; it rejects if the lock was lost while held (the holder was
 * stalled past staleMs and another process took it over), since lines may then have interleaved.
 */
export async function lockAuditLog(
  realPath: string,
  settings: Required<AppendLockOptions>,
): Promise<ReleaseLock> {
  const { staleMs, waitMs } = settings;
  const lockPath = lockPathOf(realPath);
  let lost: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(realPath, {
      realpath: false,
      lockfilePath: lockPath,
      stale: staleMs,
      retries:
        waitMs === 0
          ? 0
          : { retries: Math.ceil(waitMs / MAX_POLL_MS), minTimeout: 1, maxTimeout: MAX_POLL_MS, factor: 2 },
      // proper-lockfile's default throws from a timer, which would kill the server.
      onCompromised: (error) => {
        lost = error;
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      throw new AuditLogError(
        `Cannot append to the audit log ${realPath}: another process has held its lock ${lockPath} for more than ${seconds(waitMs)}. A lock left by a process that died is taken over once it is ${seconds(staleMs)} old; a live process holding it this long is stuck (e.g. on a stalled disk).`,
      );
    }
    throw new AuditLogError(
      `Cannot lock the audit log ${realPath} (${lockPath}) to append to it: ${code ?? (error instanceof Error ? error.message : String(error))}.`,
    );
  }
  return async () => {
    try {
      await release();
    } catch (error) {
      const reason = lost ?? error;
      throw new AuditLogError(
        `The lock ${lockPath} on the audit log ${realPath} was lost while this process held it (${reason instanceof Error ? reason.message : String(reason)}): another process may have appended at the same time. Run "m365-audit verify ${realPath}" to check the log.`,
      );
    }
  };
}
