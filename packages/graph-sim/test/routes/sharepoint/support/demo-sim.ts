// A simulator over the demo tenant, and apps registered with exactly the roles a test names, signed
// in through the simulator's own token endpoint (client credentials), talking HTTPS that trusts
// only the simulator's certificate.
import { Agent, fetch } from 'undici';
import {
  createDemoTenant,
  type GraphSim,
  type GraphSimOptions,
  startGraphSim,
} from '../../../../src/index.js';

/** A parsed response body, as JSON.parse gives it: tests read it by shape and assert with expect. */
export type Body = ReturnType<typeof JSON.parse>;

export interface SimResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  json: () => Body;
}

export interface DemoSim {
  sim: GraphSim;
  /** A client for an app holding exactly these roles. */
  as: (roles: readonly string[]) => Promise<AppClient>;
  close: () => Promise<void>;
}

export interface AppClient {
  clientId: string;
  get: (path: string, headers?: Record<string, string>) => Promise<SimResponse>;
  send: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<SimResponse>;
}

/** A fixed "now" so that the demo's dates are the same in every run. */
export const DEMO_NOW = new Date('2026-06-15T12:00:00Z');

export async function startDemoSim(options: GraphSimOptions = {}): Promise<DemoSim> {
  const sim = await startGraphSim({ tenant: createDemoTenant({ now: DEMO_NOW }), ...options });
  const dispatcher = new Agent({ connect: { ca: sim.ca } });

  async function call(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ) {
    const response = await fetch(url, { ...init, dispatcher });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  async function as(roles: readonly string[]): Promise<AppClient> {
    const secret = `test-secret-${Math.random().toString(36).slice(2)}`;
    const app = sim.registerApp({ roles, secret, displayName: `test app (${roles.join(' ')})` });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: secret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const tokenResponse = await call(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (tokenResponse.status !== 200)
      throw new Error(`token endpoint said ${tokenResponse.status}: ${tokenResponse.text}`);
    const token = tokenResponse.json().access_token as string;
    const url = (path: string) => (path.startsWith('https://') ? path : `${sim.url}${path}`);
    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call(url(path), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    return { clientId: app.clientId, get: (path, headers) => send('GET', path, undefined, headers), send };
  }

  return { sim, as, close: () => sim.close().finally(() => dispatcher.close()) };
}

/** Follows `@odata.nextLink` to the end; returns every item and the last page (for its deltaLink). */
export async function readAll(
  client: AppClient,
  path: string,
): Promise<{ items: Body[]; last: Body; pages: number }> {
  const items: unknown[] = [];
  let next: string | undefined = path;
  let last: Body;
  let pages = 0;
  while (next) {
    const response = await client.get(next);
    if (response.status !== 200) throw new Error(`${next} said ${response.status}: ${response.text}`);
    last = response.json();
    items.push(...last.value);
    pages++;
    next = last['@odata.nextLink'];
    if (pages > 1000) throw new Error('too many pages');
  }
  return { items, last, pages };
}
