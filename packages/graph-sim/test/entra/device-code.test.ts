// The device code flow for one admin trying a server locally without a secret: the client polls,
// the test approves or declines in the user's place, the code expires on the injected clock.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignInUsers, type GraphSim, type SimApp, startGraphSim } from '../../src/index.js';
import { entraClient } from './support/user-flows.js';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';

describe('device code', () => {
  let sim: GraphSim;
  let now = Date.now();
  let client: SimApp;
  let entra: ReturnType<typeof entraClient>;

  beforeAll(async () => {
    sim = await startGraphSim({ clock: () => now });
    client = sim.registerApp({
      displayName: 'm365-security local',
      roles: [],
      publicClient: true,
      delegatedPermissions: ['User.Read', 'SecurityIncident.Read.All'],
    });
    entra = entraClient(sim);
  });
  afterAll(async () => {
    await entra.close();
    await sim.close();
  });

  async function start() {
    const answer = await entra.post('devicecode', {
      client_id: client.clientId,
      scope: 'https://graph.microsoft.com/.default offline_access',
    });
    expect(answer.status).toBe(200);
    return answer.json as {
      device_code: string;
      user_code: string;
      interval: number;
      expires_in: number;
      message: string;
    };
  }

  const poll = (deviceCode: string) =>
    entra.post('token', { grant_type: DEVICE_CODE, client_id: client.clientId, device_code: deviceCode });

  it("is pending until the user approves, then gives the user's Graph token once", async () => {
    const started = await start();
    expect(started).toMatchObject({ expires_in: 900, interval: 5 });
    expect(started.message).toContain(started.user_code);
    expect((await poll(started.device_code)).json).toMatchObject({
      error: 'authorization_pending',
      error_codes: [70016],
    });
    sim.approveDeviceCode(started.user_code, demoSignInUsers.securityAdministrator);
    const token = await poll(started.device_code);
    expect(token.status).toBe(200);
    expect(decodeJwt(token.json.access_token as string)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      upn: demoSignInUsers.securityAdministrator,
      scp: 'User.Read SecurityIncident.Read.All',
      appidacr: '0',
      idtyp: 'user',
    });
    expect(typeof token.json.refresh_token).toBe('string');
    expect((await poll(started.device_code)).json.error).toBe('expired_token');
  });

  it('answers authorization_declined when the user declines, expired_token after 15 minutes', async () => {
    const declined = await start();
    sim.declineDeviceCode(declined.user_code);
    expect((await poll(declined.device_code)).json.error).toBe('authorization_declined');
    const late = await start();
    now += 15 * 60 * 1000;
    expect((await poll(late.device_code)).json).toMatchObject({
      error: 'expired_token',
      error_codes: [70019],
    });
    expect(() => sim.approveDeviceCode('NOSUCHCODE', demoSignInUsers.securityAdministrator)).toThrow(
      /no pending device code/,
    );
  });

  it('refuses a confidential client (it must allow public client flows) and an unknown device code', async () => {
    const started = await start();
    const confidential = sim.registerApp({ roles: [] });
    const answer = await entra.post('token', {
      grant_type: DEVICE_CODE,
      client_id: confidential.clientId,
      device_code: started.device_code,
    });
    expect(answer.json).toMatchObject({ error: 'invalid_client', error_codes: [7000218] });
    expect((await poll('not-a-device-code')).json.error).toBe('bad_verification_code');
  });
});
