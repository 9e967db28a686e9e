// What a resource server does with the simulator's Entra: read the metadata (v2.0 or v1.0), take
// its issuer and JWKS, and validate a user token for its API with them.
import { createLocalJWKSet, jwtVerify } from 'jose';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignInUsers, type GraphSim, startGraphSim } from '../../src/index.js';
import { REDIRECT_URI, registerServerAndClient } from './support/user-flows.js';

describe('metadata a resource server validates user tokens with', () => {
  let sim: GraphSim;
  let dispatcher: Agent;

  beforeAll(async () => {
    sim = await startGraphSim();
    dispatcher = new Agent({ connect: { ca: sim.ca } });
  });
  afterAll(async () => {
    await dispatcher.close();
    await sim.close();
  });

  async function json(url: string): Promise<Record<string, unknown>> {
    return (await (await fetch(url, { dispatcher })).json()) as Record<string, unknown>;
  }

  it.each([
    { version: 2 as const, metadata: 'v2.0/.well-known/openid-configuration' },
    { version: 1 as const, metadata: '.well-known/openid-configuration' },
  ])(
    'validates a v$version token with the issuer and keys of its metadata',
    async ({ version, metadata }) => {
      const { server, client } = registerServerAndClient(sim, { version });
      const { accessToken } = await sim.signInUser({
        clientId: client.clientId,
        redirectUri: REDIRECT_URI,
        scope: `api://${server.clientId}/access_as_user`,
        upn: demoSignInUsers.securityAdministrator,
      });
      const config = await json(`${sim.authority}/${sim.tenantId}/${metadata}`);
      const jwks = createLocalJWKSet((await json(String(config.jwks_uri))) as never);
      const { payload } = await jwtVerify(accessToken, jwks, {
        issuer: String(config.issuer),
        audience: version === 2 ? server.clientId : `api://${server.clientId}`,
      });
      expect(payload.scp).toBe('access_as_user');
    },
  );
});
