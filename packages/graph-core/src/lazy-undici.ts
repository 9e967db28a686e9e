// undici (~220 modules, ~160 ms and ~19 MB) is loaded on a client's first request, not when
// graph-core is imported: a server answers `initialize` and `tools/list` without ever calling Graph.
import type { Agent, Dispatcher } from 'undici';

type Undici = typeof import('undici')['default'];

let loading: Promise<Undici> | undefined;

/**
 * The undici module, imported once per process on first use. undici is CommonJS: its exports object
 * is the namespace's `default` both when Node imports it and inside the servers' bundles (where
 * named exports of a CommonJS chunk do not exist), so that is what is read.
 */
export function loadUndici(): Promise<Undici> {
  loading ??= import('undici').then((namespace) => namespace.default);
  return loading;
}

/**
 * One client's Agent (its TLS trust and keep-alive pool), made on the first request that needs it.
 * Graph requests and pre-authenticated downloads share it, as they shared the eager Agent.
 */
export class LazyAgent {
  #agent: Promise<Dispatcher> | undefined;

  constructor(private readonly options: Agent.Options) {}

  dispatcher(): Promise<Dispatcher> {
    this.#agent ??= loadUndici().then(({ Agent }) => new Agent(this.options));
    return this.#agent;
  }

  /** Closes the Agent if a request made one; a client that never sent a request loads nothing. */
  async close(): Promise<void> {
    if (this.#agent !== undefined) await (await this.#agent).close();
  }
}
