// Shared by the front-door tests: a simulator over fixture tenants and fixture service tables, and
// tokens got the way a client gets them (through @azure/identity from the simulator's Entra).
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import {
  CmdletError,
  type CmdletTable,
  createClientCertificate,
  type GraphSim,
  type RestHandler,
  type SimApp,
  type SimAppInput,
  startGraphSim,
} from '../../src/index.js';
import { fixtureRoutes, fixtureTenant, httpClient } from '../engine/support/fixtures.js';

export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const SHAREPOINT_APP_ID = '00000003-0000-0ff1-ce00-000000000000';
export const ROLE = {
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  complianceAdministrator: '17315797-102d-40b4-93e0-432062caca18',
  teamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

/** 25 mailboxes-like rows, and an Identity that matches nothing. */
export const fixtureExchangeCmdlets: CmdletTable = {
  'Get-FixtureMailbox': (_tenant, parameters) => {
    if (parameters.Identity === 'nobody') {
      throw new CmdletError(
        'ManagementObjectNotFoundException',
        "The operation couldn't be performed because object 'nobody' couldn't be found.",
      );
    }
    return Array.from({ length: 25 }, (_, i) => ({ Identity: `mailbox-${i}`, AuditEnabled: i % 2 === 0 }));
  },
};

export const fixtureComplianceCmdlets: CmdletTable = {
  'Get-FixtureDlpPolicy': () => [{ Name: 'Default DLP', Mode: 'Enable' }],
};

function restFixture(name: string): RestHandler {
  return ({ method, path }) =>
    method === 'GET' && path === '/fixture'
      ? { status: 200, body: { service: name } }
      : { status: 404, body: { error: { code: 'NotFound', message: `No resource at ${path}.` } } };
}

export async function startFrontDoorSim(): Promise<GraphSim> {
  return startGraphSim({
    tenant: fixtureTenant(),
    routes: fixtureRoutes(),
    serviceHandlers: {
      exchangeCmdlets: fixtureExchangeCmdlets,
      complianceCmdlets: fixtureComplianceCmdlets,
      teams: restFixture('teams'),
      fabric: restFixture('fabric'),
      sharepointAdmin: restFixture('sharepointAdmin'),
    },
  });
}

export function identityOptions(sim: GraphSim) {
  return { authorityHost: sim.url, disableInstanceDiscovery: true as const, tlsOptions: { ca: sim.ca } };
}

/** A token for `scope` through the client secret credential of a newly registered app. */
export async function secretToken(
  sim: GraphSim,
  input: Omit<SimAppInput, 'roles'> & { roles?: string[] },
  scope: string,
): Promise<{ app: SimApp; token: string }> {
  const app = sim.registerApp({ roles: [], ...input, secret: 'front-door-test-secret' });
  const credential = new ClientSecretCredential(
    sim.tenantId,
    app.clientId,
    'front-door-test-secret',
    identityOptions(sim),
  );
  return { app, token: (await credential.getToken(scope)).token };
}

/** A token for `scope` through a certificate credential of a newly registered app. */
export async function certificateToken(
  sim: GraphSim,
  input: Omit<SimAppInput, 'roles'> & { roles?: string[] },
  scope: string,
): Promise<{ app: SimApp; token: string }> {
  const certificate = createClientCertificate();
  const app = sim.registerApp({ roles: [], ...input, certificatePem: certificate.certificatePem });
  const credential = new ClientCertificateCredential(
    sim.tenantId,
    app.clientId,
    { certificate: certificate.combinedPem },
    identityOptions(sim),
  );
  return { app, token: (await credential.getToken(scope)).token };
}

export function caller(sim: GraphSim) {
  const { call } = httpClient(sim.ca);
  return {
    invoke: (
      url: string,
      token: string | undefined,
      cmdlet: string,
      parameters: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) =>
      call(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }),
      }),
    get: (url: string, token: string | undefined, headers: Record<string, string> = {}) =>
      call(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }),
  };
}
