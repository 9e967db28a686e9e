// Signing key rollover as Entra does it: a new key signs, the old one stays in the JWKS (and its
// tokens stay valid at Graph) until it is retired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSim, startGraphSim } from '../../src/index.js';
import { entraClient } from './support/user-flows.js';

describe('signing key rollover', () => {
  let sim: GraphSim;
  let entra: ReturnType<typeof entraClient>;

  beforeAll(async () => {
    sim = await startGraphSim();
    entra = entraClient(sim);
  });
  afterAll(async () => {
    await entra.close();
    await sim.close();
  });

  it("publishes old and new keys after a rotation, and refuses the old key's tokens once retired", async () => {
    const app = sim.registerApp({ roles: ['User.Read.All'] });
    const before = await entra.keys();
    expect(before.keys).toHaveLength(1);
    const oldKid = before.keys[0]?.kid as string;
    const oldToken = sim.issueToken({ clientId: app.clientId, roles: ['User.Read.All'] });

    const { kid } = sim.rotateSigningKey();
    expect(kid).not.toBe(oldKid);
    expect((await entra.keys()).keys.map((k) => k.kid)).toEqual([kid, oldKid]);
    const newToken = sim.issueToken({ clientId: app.clientId, roles: ['User.Read.All'] });
    const header = JSON.parse(Buffer.from(newToken.split('.')[0] as string, 'base64url').toString());
    expect(header.kid).toBe(kid);
    expect((await entra.graph('/users?$top=1', oldToken)).status).toBe(200);
    expect((await entra.graph('/users?$top=1', newToken)).status).toBe(200);

    expect(() => sim.retireSigningKey(kid)).toThrow(/current signer/);
    sim.retireSigningKey(oldKid);
    expect((await entra.keys()).keys.map((k) => k.kid)).toEqual([kid]);
    expect((await entra.graph('/users?$top=1', oldToken)).status).toBe(401);
    expect((await entra.graph('/users?$top=1', newToken)).status).toBe(200);
  });
});
