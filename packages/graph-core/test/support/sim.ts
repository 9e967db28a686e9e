// A graph-sim with small fixture routes, and a GraphClient signed in through a real
// @azure/identity credential against it (client secret or client certificate).
import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';
import {
  createClientCertificate,
  type GraphSim,
  type RouteDefinition,
  startGraphSim,
} from '@m365-mcp/graph-sim';
import {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
  type GraphResponseInfo,
  resolveCloud,
  type SchedulerOptions,
} from '../../src/index.js';

export interface FixtureUser {
  id: string;
  displayName: string;
  surname: string;
}

export const USERS: readonly FixtureUser[] = Array.from({ length: 25 }, (_, index) => ({
  id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  displayName: index === 7 ? "Aoife O'Brien" : `User ${String(index + 1).padStart(2, '0')}`,
  surname: index === 7 ? "O'Brien" : `Surname${index + 1}`,
}));

const RISKY_USERS = Array.from({ length: 4 }, (_, index) => ({
  id: `10000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  userDisplayName: `Risky ${index + 1}`,
  riskLevel: 'high',
}));

export const FIXTURE_ROUTES: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/users',
    workload: 'directory',
    pageSize: 10,
    filterable: ['displayName', 'surname', 'id'],
    handler: () => ({ kind: 'collection', items: USERS }),
  },
  {
    method: 'GET',
    path: '/users/delta',
    workload: 'directory',
    pageSize: 10,
    handler: (ctx) =>
      ctx.query.raw.has('$deltatoken')
        ? { kind: 'delta', items: USERS.slice(0, 1), deltaToken: 'round-2' }
        : { kind: 'delta', items: USERS, deltaToken: 'round-1' },
  },
  {
    method: 'GET',
    path: '/users/{id}',
    workload: 'directory',
    handler: (ctx) => {
      const user = USERS.find((candidate) => candidate.id === ctx.params.id);
      if (user === undefined) {
        return { kind: 'raw', status: 404, body: notFoundBody(), contentType: 'application/json' };
      }
      return { kind: 'entity', body: user };
    },
  },
  {
    method: 'GET',
    path: '/identityProtection/riskyUsers',
    workload: 'identityProtection',
    pageSize: 1,
    handler: () => ({ kind: 'collection', items: RISKY_USERS }),
  },
  {
    method: 'GET',
    path: '/identity/conditionalAccess/policies',
    workload: 'identityProtection',
    handler: () => ({ kind: 'collection', items: [] }),
  },
  {
    method: 'PUT',
    path: '/users/{id}/manager/$ref',
    workload: 'directory',
    permissions: ['User.Read.All'],
    handler: () => ({ kind: 'noContent' }),
  },
  {
    method: 'POST',
    path: '/users/{id}/revokeSignInSessions',
    workload: 'directory',
    permissions: ['User.Read.All'],
    handler: () => ({ kind: 'entity', body: { value: true } }),
  },
];

function notFoundBody(): string {
  return JSON.stringify({ error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } });
}

/** Granted to the test app: enough for the fixtures, except Policy.Read.All (for the 403 test). */
export const GRANTED_ROLES = ['User.Read.All', 'IdentityRiskyUser.Read.All'];

/** Tiny backoff so fault tests stay fast; pacing where a test does not set its own. */
export const FAST_SCHEDULER: SchedulerOptions = {
  backoffBaseMs: 5,
  backoffCapMs: 20,
  limits: { identityProtection: { minIntervalMs: 200 } },
};

export interface TestContext {
  sim: GraphSim;
  client: GraphClient;
  responses: GraphResponseInfo[];
  credential: TokenCredential;
  makeClient(overrides?: Partial<GraphClientOptions>): GraphClient;
  close(): Promise<void>;
}

export async function startContext(
  options: { credential?: 'secret' | 'certificate'; scheduler?: SchedulerOptions } = {},
): Promise<TestContext> {
  const sim = await startGraphSim({ routes: FIXTURE_ROUTES });
  const credentialOptions = {
    authorityHost: sim.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: sim.ca },
  };
  let credential: TokenCredential;
  if (options.credential === 'certificate') {
    const certificate = createClientCertificate();
    const app = sim.registerApp({ roles: GRANTED_ROLES, certificatePem: certificate.certificatePem });
    // The credential wants the private key and the certificate in one PEM.
    const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(
      certificate.certificatePem,
    )?.[0];
    credential = new ClientCertificateCredential(
      sim.tenantId,
      app.clientId,
      { certificate: `${certificate.privateKeyPem}${certificateBlock ?? ''}` },
      credentialOptions,
    );
  } else {
    const app = sim.registerApp({ roles: GRANTED_ROLES });
    credential = new ClientSecretCredential(sim.tenantId, app.clientId, app.secret ?? '', credentialOptions);
  }
  const cloud = resolveCloud({ AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url });
  const responses: GraphResponseInfo[] = [];
  const clients: GraphClient[] = [];
  const makeClient = (overrides: Partial<GraphClientOptions> = {}): GraphClient => {
    const client = createGraphClient({
      credential,
      cloud,
      ca: sim.ca,
      scheduler: options.scheduler ?? FAST_SCHEDULER,
      onResponse: (info) => responses.push(info),
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  const client = makeClient();
  return {
    sim,
    client,
    responses,
    credential,
    makeClient,
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
    },
  };
}

/** Graph-side log entries (not the token endpoint), optionally for one path. */
export function graphRequests(sim: GraphSim, path?: string) {
  return sim.requests
    .all()
    .filter(
      (entry) =>
        entry.side === 'graph' && (path === undefined || entry.path.toLowerCase() === path.toLowerCase()),
    );
}
