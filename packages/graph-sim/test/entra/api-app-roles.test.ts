// An app (a daemon calling the MCP server) gets an app role of a registered API and an app-only
// token for that API through @azure/identity, with the role in `roles`.
import { ClientSecretCredential } from '@azure/identity';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSim, startGraphSim } from '../../src/index.js';
import { registerServerAndClient } from './support/user-flows.js';

describe('app-only tokens for a registered API', () => {
  let sim: GraphSim;

  beforeAll(async () => {
    sim = await startGraphSim();
  });
  afterAll(() => sim.close());

  it('carries the app roles assigned to the calling app, and a revocation shows in the next token', async () => {
    const { server } = registerServerAndClient(sim);
    const daemon = sim.registerApp({ displayName: 'nightly report', roles: [] });
    sim.assignAppRole({
      principal: daemon.clientId,
      resourceClientId: server.clientId,
      role: 'McpServer.Read',
    });
    const options = {
      authorityHost: sim.authority,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.ca },
    };
    const scope = `api://${server.clientId}/.default`;
    const first = new ClientSecretCredential(sim.tenantId, daemon.clientId, daemon.secret as string, options);
    expect(decodeJwt((await first.getToken(scope)).token)).toMatchObject({
      aud: `api://${server.clientId}`,
      appid: daemon.clientId,
      idtyp: 'app',
      roles: ['McpServer.Read'],
      oid: daemon.servicePrincipalId,
    });
    sim.unassignAppRole({
      principal: daemon.clientId,
      resourceClientId: server.clientId,
      role: 'McpServer.Read',
    });
    // A new credential: the first one caches its token.
    const second = new ClientSecretCredential(
      sim.tenantId,
      daemon.clientId,
      daemon.secret as string,
      options,
    );
    expect(decodeJwt((await second.getToken(scope)).token).roles).toEqual([]);
    // McpServer.Write allows User members only.
    expect(() =>
      sim.assignAppRole({
        principal: daemon.clientId,
        resourceClientId: server.clientId,
        role: 'McpServer.Write',
      }),
    ).toThrow(/allows User members, not Application/);
  });
});
