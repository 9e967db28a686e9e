// A raw JSON-RPC peer for a server on stdio. The SDK's Client is deliberately not used: it refuses to
// send what a fuzzer must send (arguments that are not an object, malformed lines) and it would hide
// what the fuzzer must see (a second answer to one request, noise on stdout).
import { type ChildProcess, spawn } from 'node:child_process';

export type JsonRpcId = string | number;

export interface JsonRpcAnswer {
  id: JsonRpcId | null;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
  /** The line as it came, for the checks that look at everything said. */
  line: string;
}

export type Outcome =
  | { kind: 'answer'; answer: JsonRpcAnswer }
  | { kind: 'timeout' }
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null };

export interface PeerEvents {
  /** Every chunk of stdout and stderr, as text, for the secret scan. */
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  /** A stdout line that is not a JSON-RPC message. */
  onNoise(line: string): void;
  /** A second answer to an id already answered, or an answer to an id never sent. */
  onStrayAnswer(answer: JsonRpcAnswer, why: string): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class StdioPeer {
  readonly #child: ChildProcess;
  readonly #events: PeerEvents;
  #buffer = '';
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly #waiting = new Map<JsonRpcId, (outcome: Outcome) => void>();
  readonly #answered = new Set<JsonRpcId>();
  /** Ids sent in raw lines that a server may or may not answer. */
  readonly #optional = new Set<JsonRpcId>();
  readonly #exited: Promise<void>;
  /** Answers to ids sent in raw lines, by id. */
  readonly optionalAnswers = new Map<JsonRpcId, JsonRpcAnswer>();
  /** Answers with id null (parse errors, oversized lines). */
  nullIdAnswers = 0;

  constructor(command: string, args: string[], env: Record<string, string>, events: PeerEvents) {
    this.#events = events;
    this.#child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout?.setEncoding('utf8');
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stdout?.on('data', (text: string) => this.#onStdout(text));
    this.#child.stderr?.on('data', (text: string) => events.onOutput('stderr', text));
    // A server that dies mid-write closes our pipe: that is reported as its exit, not thrown here.
    this.#child.stdin?.on('error', () => undefined);
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        for (const settle of this.#waiting.values()) settle({ kind: 'exited', code, signal });
        this.#waiting.clear();
        resolve();
      });
      this.#child.once('error', () => {
        this.#exit = { code: null, signal: null };
        resolve();
      });
    });
  }

  get exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.#exit;
  }

  /** Sends one line (a newline is added) and waits for the answer to `id`, at most `timeoutMs`. */
  request(id: JsonRpcId, line: string | Buffer, timeoutMs: number): Promise<Outcome> {
    if (this.#exit) return Promise.resolve({ kind: 'exited', ...this.#exit });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      this.#waiting.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      this.send(line);
    });
  }

  /** Sends a raw line; an answer to `optionalId`, if one comes, is kept in `optionalAnswers`. */
  send(line: string | Buffer, optionalId?: JsonRpcId): void {
    if (optionalId !== undefined) this.#optional.add(optionalId);
    const stdin = this.#child.stdin;
    if (!stdin || this.#exit) return;
    stdin.write(line);
    stdin.write('\n');
  }

  /** Ends stdin (the end of the session) and waits for the exit, killing the server after `timeoutMs`. */
  async close(
    timeoutMs: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }> {
    this.#child.stdin?.end();
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.#child.kill('SIGKILL');
    }, timeoutMs);
    await this.#exited;
    clearTimeout(timer);
    return { ...(this.#exit ?? { code: null, signal: null }), killed };
  }

  #onStdout(text: string): void {
    this.#events.onOutput('stdout', text);
    let start = this.#buffer.length;
    this.#buffer += text;
    let newline = this.#buffer.indexOf('\n', start);
    start = 0;
    while (newline !== -1) {
      const line = this.#buffer.slice(start, newline).replace(/\r$/, '');
      start = newline + 1;
      if (line.length > 0) this.#onLine(line);
      newline = this.#buffer.indexOf('\n', start);
    }
    this.#buffer = this.#buffer.slice(start);
  }

  #onLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.#events.onNoise(line);
      return;
    }
    if (!isRecord(message) || message.jsonrpc !== '2.0') {
      this.#events.onNoise(line);
      return;
    }
    if (typeof message.method === 'string') {
      // A request from the server (ping, elicitation, roots): answered, so the server never waits on us.
      if (message.id !== undefined) this.#answerServerRequest(message.id, message.method);
      return;
    }
    const id = message.id;
    if (id !== null && typeof id !== 'string' && typeof id !== 'number') {
      this.#events.onNoise(line);
      return;
    }
    const answer: JsonRpcAnswer = {
      id,
      line,
      ...('result' in message ? { result: message.result } : {}),
      ...(isRecord(message.error) ? { error: message.error } : {}),
    };
    if (id === null) {
      this.nullIdAnswers += 1;
      return;
    }
    if (this.#answered.has(id)) {
      this.#events.onStrayAnswer(answer, `a second answer to request ${JSON.stringify(id)}`);
      return;
    }
    this.#answered.add(id);
    const settle = this.#waiting.get(id);
    if (settle) {
      this.#waiting.delete(id);
      settle({ kind: 'answer', answer });
    } else if (this.#optional.has(id)) {
      this.optionalAnswers.set(id, answer);
    } else {
      this.#events.onStrayAnswer(
        answer,
        `an answer to ${JSON.stringify(id)}, which no request had (or after its timeout)`,
      );
    }
  }

  #answerServerRequest(id: unknown, method: string): void {
    const reply =
      method === 'ping'
        ? { jsonrpc: '2.0', id, result: {} }
        : {
            jsonrpc: '2.0',
            id,
            error: { code: -32601, message: `the fuzz client does not support ${method}` },
          };
    this.send(JSON.stringify(reply));
  }
}
