// What the user-flow tests share: a simulator with the demo tenant, an MCP server's app registration
// (an API with scopes and app roles, a secret for on-behalf-of), a public client (the inspector), and
// plain HTTPS calls to the Entra endpoints that do not follow redirects.
import { createHash, randomBytes } from 'node:crypto';
import { Agent, fetch } from 'undici';
import type { GraphSim, SimApp } from '../../../src/index.js';

/** A Graph answer's JSON, as far as the tests read it. */
export interface GraphJson {
  value?: Record<string, unknown>[];
  error?: { code: string; message: string };
  [property: string]: unknown;
}

export const REDIRECT_URI = 'http://127.0.0.1:33418/callback';

export interface UserFlowApps {
  server: SimApp;
  client: SimApp;
}

export function registerServerAndClient(sim: GraphSim, options: { version?: 1 | 2 } = {}): UserFlowApps {
  const serverId = randomUUID();
  const server = sim.registerApp({
    clientId: serverId,
    displayName: 'm365-security MCP server',
    roles: [],
    identifierUris: [`api://${serverId}`],
    appRoles: [
      { value: 'McpServer.Read', allowedMemberTypes: ['User', 'Application'] },
      { value: 'McpServer.Write', allowedMemberTypes: ['User'] },
    ],
    oauth2PermissionScopes: ['access_as_user'],
    requestedAccessTokenVersion: options.version ?? 1,
    delegatedPermissions: [
      'User.Read',
      'SecurityIncident.Read.All',
      'SecurityIncident.ReadWrite.All',
      'Policy.Read.All',
    ],
  });
  const client = sim.registerApp({
    displayName: 'MCP inspector',
    roles: [],
    publicClient: true,
    redirectUris: [REDIRECT_URI],
    delegatedPermissions: ['User.Read'],
  });
  return { server, client };
}

function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function entraClient(sim: GraphSim) {
  const dispatcher = new Agent({ connect: { ca: sim.ca } });
  const base = `${sim.authority}/${sim.tenantId}/oauth2/v2.0`;
  return {
    /** GET /authorize; the redirect's query parameters (or the error page's status and body). */
    async authorize(params: Record<string, string>) {
      const url = new URL(`${base}/authorize`);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      const response = await fetch(url, { dispatcher, redirect: 'manual' });
      const text = await response.text();
      const location = response.headers.get('location');
      return {
        status: response.status,
        text,
        location,
        query: location ? new URL(location).searchParams : new URLSearchParams(),
      };
    },
    async post(endpoint: 'token' | 'devicecode', form: Record<string, string>) {
      const response = await fetch(`${base}/${endpoint}`, {
        dispatcher,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    async graph(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
      const response = await fetch(`${sim.url}/v1.0${path}`, {
        dispatcher,
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return { status: response.status, json: (text ? JSON.parse(text) : undefined) as GraphJson };
    },
    async keys() {
      const response = await fetch(`${sim.authority}/${sim.tenantId}/discovery/v2.0/keys`, { dispatcher });
      return (await response.json()) as { keys: { kid: string }[] };
    },
    close: () => dispatcher.close(),
  };
}
