import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AuditLogError } from './errors.js';
import { sealRecord, serialiseRecord } from './hash.js';
import { readLastLine } from './last-line.js';
import { type AuditEntryInput, type AuditRecord, auditRecordSchema, GENESIS_HASH } from './record.js';
import { defaultRedactor, type Redactor } from './redact.js';

export interface AuditLogOptions {
  /** The server name written on every line. */
  server: string;
  /** Defaults to the process-wide redactor that `registerSecret` feeds. */
  redactor?: Redactor;
  now?: () => Date;
}

interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * An append-only, hash-chained JSONL audit file. One instance per file per process: appends are
 * queued so concurrent tool calls never interleave or fork the chain, and each append is on disk
 * (fdatasync) before its promise resolves, because a tool answers only after its line is written.
 */
export class AuditLog {
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #server: string;
  readonly #redactor: Redactor;
  readonly #now: () => Date;
  #head: ChainHead;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(path: string, handle: FileHandle, head: ChainHead, options: AuditLogOptions) {
    this.path = path;
    this.#handle = handle;
    this.#head = head;
    this.#server = options.server;
    this.#redactor = options.redactor ?? defaultRedactor;
    this.#now = options.now ?? (() => new Date());
  }

  /** Opens (creating with mode 0600, and its directory with 0700, if missing) and continues the chain. */
  static async open(path: string, options: AuditLogOptions): Promise<AuditLog> {
    const absolute = resolve(path);
    await mkdir(dirname(absolute), { recursive: true, mode: 0o700 });
    const handle = await open(absolute, 'a+', 0o600);
    try {
      const head = await readChainHead(handle, absolute);
      return new AuditLog(absolute, handle, head, options);
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
    await this.#handle.close();
  }

  async #write(entry: AuditEntryInput): Promise<AuditRecord> {
    const redact = this.#redactor;
    const record = sealRecord({
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
    });
    const line = serialiseRecord(record);
    await this.#handle.appendFile(line, 'utf8');
    await this.#handle.datasync();
    this.#head = { seq: record.seq, hash: record.hash };
    return record;
  }
}

export function openAuditLog(path: string, options: AuditLogOptions): Promise<AuditLog> {
  return AuditLog.open(path, options);
}

async function readChainHead(handle: FileHandle, path: string): Promise<ChainHead> {
  const last = await readLastLine(handle);
  if (last === undefined) return { seq: 0, hash: GENESIS_HASH };
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    parsed = undefined;
  }
  const record = auditRecordSchema.safeParse(parsed);
  if (!record.success) {
    // Continuing after a damaged line would chain onto garbage; the operator must look first.
    throw new AuditLogError(
      `the last line of the audit log ${path} is not a valid audit record; run "m365-audit verify ${path}" and move the file aside before continuing`,
    );
  }
  return { seq: record.data.seq, hash: record.data.hash };
}
