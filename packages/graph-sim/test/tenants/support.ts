// Shared by the many-tenant tests: Contoso plus two generated tenants in one simulator, and tokens
// got the way a client gets them (through @azure/identity from the simulator's Entra).
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import type { ClientCertificate, GraphSim } from '../../src/index.js';
import { generateTenant, startGraphSim } from '../../src/index.js';
import { httpClient } from '../engine/support/fixtures.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
export const SECRET = 'many-tenants-test-secret';

export async function startPortfolioSim(): Promise<GraphSim> {
  return startGraphSim({
    tenants: [generateTenant({ seed: 1, name: 'tenant-01' }), generateTenant({ seed: 2, name: 'tenant-02' })],
  });
}

export function identityOptions(sim: GraphSim) {
  return { authorityHost: sim.url, disableInstanceDiscovery: true as const, tlsOptions: { ca: sim.ca } };
}

/** A token for `scope` in `tenant` (id or initial domain) through the app's client secret. */
export async function secretToken(sim: GraphSim, tenant: string, clientId: string, scope = GRAPH_SCOPE) {
  const credential = new ClientSecretCredential(tenant, clientId, SECRET, identityOptions(sim));
  return (await credential.getToken(scope)).token;
}

/** A token for `scope` in `tenant` through the app's certificate. */
export async function certificateToken(
  sim: GraphSim,
  tenant: string,
  clientId: string,
  certificate: ClientCertificate,
  scope = GRAPH_SCOPE,
) {
  const credential = new ClientCertificateCredential(
    tenant,
    clientId,
    { certificate: certificate.combinedPem },
    identityOptions(sim),
  );
  return (await credential.getToken(scope)).token;
}

export function graphGet(sim: GraphSim, path: string, token: string) {
  return httpClient(sim.ca).call(`${sim.url}/v1.0${path}`, { headers: { authorization: `Bearer ${token}` } });
}
