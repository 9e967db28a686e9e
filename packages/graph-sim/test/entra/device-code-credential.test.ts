// @azure/identity's DeviceCodeCredential (MSAL underneath) against the simulator's device code flow:
// the prompt names the code, the test approves it as the user, the credential gets the user's token.
import { DeviceCodeCredential } from '@azure/identity';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignInUsers, type GraphSim, startGraphSim } from '../../src/index.js';

describe('DeviceCodeCredential', () => {
  let sim: GraphSim;

  beforeAll(async () => {
    sim = await startGraphSim();
  });
  afterAll(() => sim.close());

  it("gets the approving user's Graph token", async () => {
    const client = sim.registerApp({
      roles: [],
      publicClient: true,
      delegatedPermissions: ['User.Read.All'],
    });
    const credential = new DeviceCodeCredential({
      tenantId: sim.tenantId,
      clientId: client.clientId,
      authorityHost: sim.authority,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.ca },
      userPromptCallback: (info) => {
        sim.approveDeviceCode(info.userCode, demoSignInUsers.securityAdministrator);
      },
    } as ConstructorParameters<typeof DeviceCodeCredential>[0]);
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    expect(decodeJwt(token.token)).toMatchObject({
      upn: demoSignInUsers.securityAdministrator,
      scp: 'User.Read.All',
    });
  });
});
