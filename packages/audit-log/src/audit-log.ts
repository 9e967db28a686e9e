import { type FileHandle, mkdir, open, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type AppendLockOptions, appendLockSettings, lockAuditLog } from './append-lock.js';
import type { AuditKey } from './audit-key.js';
import {
  type AuditCheckpoint,
  defaultCheckpointPath,
  sealCheckpoint,
  writeCheckpointFile,
} from './checkpoint.js';
import type { CheckpointShipper } from './checkpoint-shipper.js';
import { AuditLogError } from './errors.js';
import { sealRecord, serialiseRecord } from './hash.js';
import type { AuditEntryInput, AuditRecord } from './record.js';
import { defaultRedactor, type Redactor } from './redact.js';
import { resumeChain } from './resume-chain.js';

export interface AuditLogOptions {
  /** The server name written on every line. */
  server: string;
  /** Defaults to the process-wide redactor that `registerSecret` feeds. */
  redactor?: Redactor;
  now?: () => Date;
  /**
   * Seals each line with HMAC-SHA-256 under this key and keeps a checkpoint of the head MAC'd with
   * it. Without a key, lines are unkeyed (plain SHA-256: anyone who can write the file can reseal
   * it) and there is no checkpoint.
   */
  key?: AuditKey;
  /** Where the checkpoint is kept; `<path>.checkpoint` by default. */
  checkpointPath?: string;
  /** Further places each checkpoint goes after it is written (see CheckpointShipper). */
  checkpointShippers?: readonly CheckpointShipper[];
  /** Told when a shipper fails; the append has succeeded all the same. Written to stderr by default. */
  onShipError?: (message: string) => void;
  /** The lock that lets several processes append to one log (`<log>.lock`); see AppendLockOptions. */
  lock?: AppendLockOptions;
}

interface LogLock {
  /** The log with symlinks resolved: the lock is taken on it, the same directory for every process. */
  realPath: string;
  settings: Required<AppendLockOptions>;
}

interface ChainHead {
  seq: number;
  hash: string;
  /** Bytes in the file after the last line, for the checkpoint. */
  size: number;
}

/**
 * An append-only, hash-chained JSONL audit file. Appends are queued so concurrent tool calls never
 * interleave or fork the chain, and each append is on disk (fdatasync) before its promise
 * resolves, because a tool answers only after its line is written. Several processes (two MCP
 * clients each running the same server, a monitor beside its server) may append to one file:
 * each append takes the file's lock (`<log>.lock`) and continues from the head on disk, not from
 * the one this process last wrote.
 */
export class AuditLog {
  readonly path: string;
  /** Where the checkpoint is kept (written only with a key). */
  readonly checkpointPath: string;
  /** What opening found that the operator should know (e.g. an unkeyed log continued with a key). */
  readonly warnings: readonly string[];
  readonly #handle: FileHandle;
  readonly #server: string;
  readonly #redactor: Redactor;
  readonly #now: () => Date;
  #head: ChainHead;
  readonly #key: AuditKey | undefined;
  readonly #shippers: readonly CheckpointShipper[];
  readonly #onShipError: (message: string) => void;
  readonly #lock: LogLock;
  #queue: Promise<unknown> = Promise.resolve();
  #shipping: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    path: string,
    checkpointPath: string,
    handle: FileHandle,
    lock: LogLock,
    head: ChainHead,
    warnings: readonly string[],
    options: AuditLogOptions,
  ) {
    this.path = path;
    this.checkpointPath = checkpointPath;
    this.warnings = warnings;
    this.#handle = handle;
    this.#lock = lock;
    this.#head = head;
    this.#server = options.server;
    this.#redactor = options.redactor ?? defaultRedactor;
    this.#now = options.now ?? (() => new Date());
    this.#key = options.key;
    this.#shippers = options.checkpointShippers ?? [];
    this.#onShipError = options.onShipError ?? ((message) => void process.stderr.write(`${message}\n`));
  }

  /**
   * Opens (creating with mode 0600, and its directory with 0700, if missing) and continues the
   * chain. With a key, refuses a log that does not match its checkpoint (lines cut from the end, an
   * emptied or rewritten file) with an AuditLogError that names the line and the verify command.
   */
  static async open(path: string, options: AuditLogOptions): Promise<AuditLog> {
    const absolute = resolve(path);
    const checkpointPath = resolve(options.checkpointPath ?? defaultCheckpointPath(absolute));
    const settings = appendLockSettings(options.lock);
    await mkdir(dirname(absolute), { recursive: true, mode: 0o700 });
    const handle = await open(absolute, 'a+', 0o600);
    try {
      const lock: LogLock = { realPath: await realpath(absolute), settings };
      // Under the lock: another process may be between writing a line and its checkpoint.
      return await underLock(lock, async () => {
        const resumed = await resumeChain(handle, absolute, options.key, checkpointPath);
        const head = { seq: resumed.seq, hash: resumed.hash, size: resumed.size };
        const log = new AuditLog(absolute, checkpointPath, handle, lock, head, resumed.warnings, options);
        if (resumed.checkpointBehind) await log.#checkpoint(log.#now().toISOString());
        return log;
      });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  append(entry: AuditEntryInput): Promise<AuditRecord> {
    if (this.#closed) return Promise.reject(new AuditLogError(`audit log ${this.path} is closed`));
    const result = this.#queue.then(() => this.#write(entry));
    // A failed write must not stop the appends queued behind it.
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Waits for queued appends, then closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#shipping;
    await this.#handle.close();
  }

  #write(entry: AuditEntryInput): Promise<AuditRecord> {
    return underLock(this.#lock, async () => {
      await this.#catchUp();
      return this.#appendLine(entry);
    });
  }

  /**
   * Moves the head to the end of the file when another process has appended since this one last
   * did (the file is no longer the size this process left it). The new head is found and checked
   * as at open (the checkpoint's MAC, the line it records, every line after it), so lines another
   * process appended that do not verify refuse this append with the message open gives.
   */
  async #catchUp(): Promise<void> {
    const { size } = await this.#handle.stat();
    if (size === this.#head.size) return;
    const resumed = await resumeChain(this.#handle, this.path, this.#key, this.checkpointPath);
    this.#head = { seq: resumed.seq, hash: resumed.hash, size: resumed.size };
  }

  async #appendLine(entry: AuditEntryInput): Promise<AuditRecord> {
    const redact = this.#redactor;
    const record = sealRecord(
      {
        seq: this.#head.seq + 1,
        time: this.#now().toISOString(),
        server: redact.redactString(this.#server),
        tool: redact.redactString(entry.tool),
        caller: redact.redactString(entry.caller),
        session: redact.redactString(entry.session),
        arguments: redact.redact(entry.arguments),
        outcome: entry.outcome,
        durationMs: Math.max(0, Math.round(entry.durationMs)),
        requestIds: (entry.requestIds ?? []).map((id) => redact.redactString(id)),
        ...(entry.detail === undefined ? {} : { detail: redact.redact(entry.detail) }),
        prev: this.#head.hash,
      },
      this.#key,
    );
    const line = serialiseRecord(record);
    await this.#handle.appendFile(line, 'utf8');
    await this.#handle.datasync();
    // The line is on disk: the chain has moved on even if the checkpoint below fails.
    this.#head = { seq: record.seq, hash: record.hash, size: this.#head.size + Buffer.byteLength(line) };
    await this.#checkpoint(record.time);
    return record;
  }

  /** Records the head in the checkpoint (atomically), then hands it to the shippers. */
  async #checkpoint(time: string): Promise<void> {
    if (this.#key === undefined) return;
    const checkpoint = sealCheckpoint({ ...this.#head, time }, this.#key);
    await writeCheckpointFile(this.checkpointPath, checkpoint);
    if (this.#shippers.length > 0) {
      // Shipping may be slow (a webhook): it runs behind the append, in order, never failing it.
      this.#shipping = this.#shipping.then(() => this.#ship(checkpoint));
    }
  }

  async #ship(checkpoint: AuditCheckpoint): Promise<void> {
    for (const shipper of this.#shippers) {
      try {
        await shipper.ship(checkpoint);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.#onShipError(
          `audit log ${this.path}: could not ship the checkpoint of line ${checkpoint.seq} to ${shipper.name}: ${this.#redactor.redactString(reason)}`,
        );
      }
    }
  }
}

/** Runs `work` holding the log's lock; a failure of `work` wins over one of releasing the lock. */
async function underLock<T>(lock: LogLock, work: () => Promise<T>): Promise<T> {
  const release = await lockAuditLog(lock.realPath, lock.settings);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  await release();
  return result;
}

export function openAuditLog(path: string, options: AuditLogOptions): Promise<AuditLog> {
  return AuditLog.open(path, options);
}
