import { ClientSecretCredential } from '@azure/identity';
import { Client, type PageCollection, PageIterator } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSim, startGraphSim } from '../../src/index.js';
import { fixtureRoutes, fixtureTenant } from './support/fixtures.js';

describe('graph-client v3 end to end', () => {
  let sim: GraphSim;
  beforeAll(async () => {
    sim = await startGraphSim({ tenant: fixtureTenant(), routes: fixtureRoutes() });
  });
  afterAll(() => sim.close());

  it('signs in with @azure/identity and walks every page with PageIterator', async () => {
    const app = sim.registerApp({ roles: ['User.Read.All'] });
    const credential = new ClientSecretCredential(sim.tenantId, app.clientId, app.secret as string, {
      authorityHost: sim.url,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.ca },
    });
    const client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      baseUrl: sim.url,
      customHosts: new Set([new URL(sim.url).hostname]),
      // undici 7's Agent works with Node 22's built-in fetch; only their type packages disagree.
      fetchOptions: { dispatcher: new Agent({ connect: { ca: sim.ca } }) } as unknown as RequestInit,
    });
    const first = (await client
      .api('/users')
      .filter("startswith(displayName,'A b') or accountEnabled eq true")
      .get()) as PageCollection;
    const names: string[] = [];
    const iterator = new PageIterator(client, first, (user: { displayName: string }) => {
      names.push(user.displayName);
      return true;
    });
    await iterator.iterate();
    expect(names).toHaveLength(6);
    expect(names).not.toContain('Megan Bowen');

    const graphCalls = sim.requests.all().filter((e) => e.side === 'graph');
    expect(graphCalls.map((e) => e.status)).toEqual([200, 200]);
    expect(graphCalls[1]?.query.$skiptoken).toBeTruthy();
    expect(graphCalls[1]?.query.$filter).toBe("startswith(displayName,'A b') or accountEnabled eq true");
    expect(graphCalls.every((e) => e.clientId === app.clientId)).toBe(true);
    expect(
      sim.requests
        .all()
        .filter((e) => e.side === 'entra')
        .map((e) => e.path),
    ).toEqual([
      `/${sim.tenantId}/v2.0/.well-known/openid-configuration`,
      `/${sim.tenantId}/oauth2/v2.0/token`,
    ]);
  });
});
