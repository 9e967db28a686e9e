// A simulator over the demo tenant, and Graph clients that sign in as registered apps with chosen
// roles (client secret, through the real token endpoint) and talk HTTPS with plain fetch.
import { Agent, fetch } from 'undici';
import { createDemoTenant, type GraphSim, startGraphSim, type Tenant } from '../../../src/index.js';

export const NOW = new Date('2026-09-01T12:00:00Z');

export interface GraphReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface GraphTestClient {
  get(path: string, headers?: Record<string, string>): Promise<GraphReply>;
  send(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<GraphReply>;
  /** Every page of a collection, following @odata.nextLink. */
  all(path: string): Promise<Record<string, unknown>[]>;
}

export interface DirectoryTestSim {
  sim: GraphSim;
  tenant: Tenant;
  clientWith(roles: readonly string[]): Promise<GraphTestClient>;
  /** A client with a delegated Graph token of the user (`User.Read`), signed in as a public client does. */
  userClient(upn: string): Promise<GraphTestClient>;
  close(): Promise<void>;
}

export async function startDirectorySim(
  tenant: Tenant = createDemoTenant({ now: NOW }),
): Promise<DirectoryTestSim> {
  const sim = await startGraphSim({ tenant });
  const dispatcher = new Agent({ connect: { ca: sim.ca } });

  async function request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ) {
    const response = await fetch(url, { ...init, dispatcher });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers as unknown as Headers,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  }

  async function clientWith(roles: readonly string[]): Promise<GraphTestClient> {
    const app = sim.registerApp({ roles, secret: `secret-${Math.random().toString(36).slice(2)}` });
    const token = await request(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.secret ?? '',
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    if (token.status !== 200) throw new Error(`token request failed: ${JSON.stringify(token.body)}`);
    return clientWithToken(String(token.body.access_token));
  }

  async function userClient(upn: string): Promise<GraphTestClient> {
    const redirectUri = 'http://127.0.0.1:33418/callback';
    const app = sim.registerApp({
      roles: [],
      publicClient: true,
      redirectUris: [redirectUri],
      delegatedPermissions: ['User.Read'],
    });
    const { accessToken } = await sim.signInUser({
      clientId: app.clientId,
      redirectUri,
      scope: 'https://graph.microsoft.com/.default',
      upn,
    });
    return clientWithToken(accessToken);
  }

  function clientWithToken(accessToken: string): GraphTestClient {
    const auth = { authorization: `Bearer ${accessToken}` };
    const url = (path: string) => (path.startsWith('https://') ? path : `${sim.url}/v1.0${path}`);
    const client: GraphTestClient = {
      get: (path, headers = {}) => request(url(path), { headers: { ...auth, ...headers } }),
      send: (method, path, body) =>
        request(url(path), {
          method,
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      async all(path) {
        const items: Record<string, unknown>[] = [];
        let next: string | undefined = url(path);
        while (next) {
          const page = await client.get(next);
          if (page.status !== 200) throw new Error(`${page.status} ${JSON.stringify(page.body)}`);
          items.push(...(page.body.value as Record<string, unknown>[]));
          next = page.body['@odata.nextLink'] as string | undefined;
        }
        return items;
      },
    };
    return client;
  }

  return {
    sim,
    tenant,
    clientWith,
    userClient,
    async close() {
      await sim.close();
      await dispatcher.close();
    },
  };
}

export function errorCode(reply: GraphReply): string | undefined {
  return (reply.body.error as { code?: string } | undefined)?.code;
}
