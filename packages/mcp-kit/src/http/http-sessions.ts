import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { systemTimers, type Timers } from './timers.js';

/**
 * One MCP session: its own server instance (so its own write plans) and its transport, bound to
 * the principal that opened it: only that principal's requests reach it.
 */
export interface HttpSession {
  readonly id: string;
  readonly server: McpServer;
  readonly transport: StreamableHTTPServerTransport;
  readonly caller: string;
  /** Who opened the session (see principal.ts), e.g. `token:<fingerprint>`. */
  readonly principal: string;
}

interface Entry extends HttpSession {
  /** POSTs of this session still being answered; a session is never idle while one runs. */
  busy: number;
  /** Cancels the pending idle timer, when one is pending. */
  cancelTimer: (() => void) | undefined;
}

/**
 * The live sessions, each closed after `idleMs` without a request. A long-lived GET (the
 * client's event stream) does not count as activity: a client that only listens for an idle
 * period must initialize again, as the protocol allows.
 */
export class HttpSessions {
  readonly #entries = new Map<string, Entry>();
  readonly #idleMs: number;
  readonly #onIdle: (session: HttpSession) => void;
  readonly #timers: Timers;

  constructor(options: { idleMs: number; onIdle: (session: HttpSession) => void; timers?: Timers }) {
    this.#idleMs = options.idleMs;
    this.#onIdle = options.onIdle;
    this.#timers = options.timers ?? systemTimers;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): HttpSession | undefined {
    return this.#entries.get(id);
  }

  add(session: HttpSession): void {
    const entry: Entry = { ...session, busy: 0, cancelTimer: undefined };
    this.#entries.set(session.id, entry);
    this.#arm(entry);
  }

  /** Forgets a session (its server closed); closing is the caller's business. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#disarm(entry);
    this.#entries.delete(id);
  }

  /** Marks a request of the session as started; the returned function marks it done. */
  begin(id: string): () => void {
    const entry = this.#entries.get(id);
    if (!entry) return () => undefined;
    entry.busy += 1;
    this.#disarm(entry);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.busy -= 1;
      if (entry.busy === 0 && this.#entries.get(id) === entry) this.#arm(entry);
    };
  }

  all(): HttpSession[] {
    return [...this.#entries.values()];
  }

  #arm(entry: Entry): void {
    this.#disarm(entry);
    entry.cancelTimer = this.#timers.after(
      this.#idleMs,
      () => {
        entry.cancelTimer = undefined;
        if (entry.busy === 0 && this.#entries.get(entry.id) === entry) this.#onIdle(entry);
      },
      // An idle timer alone must not keep the process alive.
      { unref: true },
    );
  }

  #disarm(entry: Entry): void {
    entry.cancelTimer?.();
    entry.cancelTimer = undefined;
  }
}
