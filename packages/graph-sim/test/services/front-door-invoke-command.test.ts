// Exchange Online and Security & Compliance through the front door: tokens from the simulator's
// Entra, authorisation as the services decide it, InvokeCommand's envelope, paging, errors, faults
// and the request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphSim } from '../../src/index.js';
import { TENANT_ID } from '../engine/support/fixtures.js';
import { caller, EXCHANGE_APP_ID, ROLE, secretToken, startFrontDoorSim } from './front-door-support.js';

const EXO_SCOPE = 'https://outlook.office365.com/.default';
const SCC_SCOPE = 'https://ps.compliance.protection.outlook.com/.default';
const MANAGE_AS_APP = { [EXCHANGE_APP_ID]: ['Exchange.ManageAsApp'] };

describe('Exchange Online and Security & Compliance front door', () => {
  let sim: GraphSim;
  let http: ReturnType<typeof caller>;
  let exoToken: string;
  let exoApp: string;
  let exoUrl: string;

  beforeAll(async () => {
    sim = await startFrontDoorSim();
    http = caller(sim);
    const { app, token } = await secretToken(
      sim,
      { serviceRoles: MANAGE_AS_APP, directoryRoles: [ROLE.globalReader] },
      EXO_SCOPE,
    );
    exoToken = token;
    exoApp = app.clientId;
    exoUrl = `${sim.serviceUrls.exchange}/adminapi/beta/${TENANT_ID}/InvokeCommand`;
  });
  afterAll(() => sim.close());

  it('serves each service under its prefix on the simulator origin', () => {
    expect(sim.serviceUrls).toEqual({
      exchange: `${sim.url}/exchange`,
      compliance: `${sim.url}/compliance`,
      teams: `${sim.url}/teams`,
      fabric: `${sim.url}/fabric`,
      sharepointAdmin: `${sim.url}/sharepoint-admin`,
    });
  });

  it('runs a cmdlet for an app with Exchange.ManageAsApp and Global Reader, and logs it', async () => {
    sim.requests.clear();
    const response = await http.invoke(exoUrl, exoToken, 'Get-FixtureMailbox');
    expect(response.status).toBe(200);
    const body = response.json() as Record<string, unknown>;
    expect(body['@odata.context']).toBe(
      `${sim.url}/exchange/adminapi/beta/${TENANT_ID}/$metadata#Collection(Exchange.GenericHashTable)`,
    );
    expect((body.value as unknown[]).length).toBe(25);
    expect(body['@odata.nextLink']).toBeUndefined();
    const entry = sim.requests.all().at(-1);
    expect(entry).toMatchObject({
      side: 'exchange',
      method: 'POST',
      path: `/exchange/adminapi/beta/${TENANT_ID}/InvokeCommand`,
      status: 200,
      clientId: exoApp,
      cmdlet: 'Get-FixtureMailbox',
    });
    expect(entry?.headers.authorization).toBe('Bearer <redacted>');
  });

  it("accepts the tenant's initial domain in the path and refuses another tenant", async () => {
    const byDomain = `${sim.serviceUrls.exchange}/adminapi/beta/fabrikamtest.onmicrosoft.com/InvokeCommand`;
    expect((await http.invoke(byDomain, exoToken, 'Get-FixtureMailbox')).status).toBe(200);
    const other = `${sim.serviceUrls.exchange}/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand`;
    const refused = await http.invoke(other, exoToken, 'Get-FixtureMailbox');
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'Unauthorized' } });
  });

  it('pages with Prefer: odata.maxpagesize, the nextLink taking the same body', async () => {
    const prefer = { prefer: 'odata.maxpagesize=10' };
    const identities: string[] = [];
    let url: string | undefined = exoUrl;
    let pages = 0;
    while (url) {
      const response = await http.invoke(url, exoToken, 'Get-FixtureMailbox', {}, prefer);
      expect(response.status).toBe(200);
      const body = response.json() as { value: { Identity: string }[]; '@odata.nextLink'?: string };
      identities.push(...body.value.map((v) => v.Identity));
      url = body['@odata.nextLink'];
      if (url)
        expect(url.startsWith(`${sim.url}/exchange/adminapi/beta/${TENANT_ID}/InvokeCommand?`)).toBe(true);
      pages++;
    }
    expect(pages).toBe(3);
    expect(identities).toEqual(Array.from({ length: 25 }, (_, i) => `mailbox-${i}`));
  });

  it('hands back a nextLink to the same page under a scripted nextLinkLoop fault', async () => {
    sim.faults.add({ match: { cmdlet: 'Get-FixtureMailbox' }, fault: { kind: 'nextLinkLoop' } });
    const looped = await http.invoke(exoUrl, exoToken, 'Get-FixtureMailbox');
    expect(looped.json()).toMatchObject({ '@odata.nextLink': exoUrl });
    expect(sim.requests.all().at(-1)).toMatchObject({ fault: 'nextLinkLoop', status: 200 });
  });

  it('refuses a nextLink posted with another cmdlet', async () => {
    const first = await http.invoke(
      exoUrl,
      exoToken,
      'Get-FixtureMailbox',
      {},
      { prefer: 'odata.maxpagesize=5' },
    );
    const next = (first.json() as { '@odata.nextLink': string })['@odata.nextLink'];
    const wrong = await http.invoke(next, exoToken, 'Get-OtherThing');
    expect(wrong.status).toBe(400);
  });

  it("answers an unknown cmdlet and a cmdlet's own error in the adminapi's error shape", async () => {
    const unknown = await http.invoke(exoUrl, exoToken, 'Get-NoSuchThing');
    expect(unknown.status).toBe(400);
    const unknownBody = unknown.json() as {
      error: { code: string; message: string; details: { message: string }[] };
    };
    expect(unknownBody.error).toMatchObject({ code: 'BadRequest', message: 'Error executing cmdlet' });
    expect(unknownBody.error.details[0]?.message).toMatch(
      /^Ex[0-9A-F]{6}\|System\.Management\.Automation\.CommandNotFoundException\|The term 'Get-NoSuchThing' is not recognized/,
    );

    const missing = await http.invoke(exoUrl, exoToken, 'Get-FixtureMailbox', { Identity: 'nobody' });
    expect(missing.status).toBe(404);
    const missingBody = missing.json() as {
      error: { code: string; details: { message: string }[]; innererror: unknown };
    };
    expect(missingBody.error.code).toBe('NotFound');
    expect(missingBody.error.details[0]?.message).toMatch(
      /\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|The operation couldn't be performed/,
    );
    expect(missingBody.error.innererror).toMatchObject({
      type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
    });
  });

  it('refuses a missing, expired or wrong-audience token with 401 and a Bearer challenge', async () => {
    const none = await http.invoke(exoUrl, undefined, 'Get-FixtureMailbox');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(
      /^Bearer client_id="00000002-0000-0ff1-ce00-000000000000".*error="invalid_token"/,
    );

    const graphToken = sim.issueToken({ clientId: exoApp, roles: ['Exchange.ManageAsApp'] });
    const wrongAudience = await http.invoke(exoUrl, graphToken, 'Get-FixtureMailbox');
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.headers.get('x-ms-diagnostics')).toMatch(/audience/);

    const expired = sim.issueToken({
      clientId: exoApp,
      roles: ['Exchange.ManageAsApp'],
      audience: 'https://outlook.office365.com',
      expiresInSeconds: -600,
    });
    const expiredResponse = await http.invoke(exoUrl, expired, 'Get-FixtureMailbox');
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.headers.get('x-ms-diagnostics')).toMatch(/expired/);
  });

  it('refuses an app without Exchange.ManageAsApp or without an accepted directory role (401, as Exchange does)', async () => {
    const noAppRole = await secretToken(sim, { directoryRoles: [ROLE.globalReader] }, EXO_SCOPE);
    const first = await http.invoke(exoUrl, noAppRole.token, 'Get-FixtureMailbox');
    expect(first.status).toBe(401);
    expect(first.headers.get('www-authenticate')).toBeNull();
    expect(first.json()).toMatchObject({
      error: { code: 'Unauthorized', message: expect.stringMatching(/Exchange\.ManageAsApp/) },
    });

    const wrongRole = await secretToken(
      sim,
      { serviceRoles: MANAGE_AS_APP, directoryRoles: [ROLE.userAdministrator] },
      EXO_SCOPE,
    );
    const second = await http.invoke(exoUrl, wrongRole.token, 'Get-FixtureMailbox');
    expect(second.status).toBe(401);
    expect(second.json()).toMatchObject({
      error: { code: 'Unauthorized', message: expect.stringMatching(/isn't supported in this scenario/) },
    });
    expect(sim.requests.all().at(-1)).toMatchObject({
      side: 'exchange',
      status: 401,
      clientId: wrongRole.app.clientId,
    });
  });

  it('answers a scripted 429 for one cmdlet with Retry-After, in the service error shape', async () => {
    sim.faults.add({
      match: { cmdlet: 'get-fixturemailbox' },
      fault: { kind: 'status', status: 429, retryAfter: 7 },
    });
    const throttled = await http.invoke(exoUrl, exoToken, 'Get-FixtureMailbox');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(sim.requests.all().at(-1)).toMatchObject({
      side: 'exchange',
      status: 429,
      retryAfter: 7,
      fault: 'status',
    });
    expect((await http.invoke(exoUrl, exoToken, 'Get-FixtureMailbox')).status).toBe(200);
  });

  it('targets a fault by the full service path', async () => {
    sim.faults.add({
      match: { method: 'POST', path: `/exchange/adminapi/beta/${TENANT_ID}/InvokeCommand` },
      fault: { kind: 'status', status: 503 },
    });
    const failed = await http.invoke(exoUrl, exoToken, 'Get-FixtureMailbox');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
  });

  describe('Security & Compliance', () => {
    let sccUrl: string;
    beforeAll(() => {
      sccUrl = `${sim.serviceUrls.compliance}/adminapi/beta/${TENANT_ID}/InvokeCommand`;
    });

    it('runs its own cmdlets for a token of its audience and a Compliance Administrator', async () => {
      const { app, token } = await secretToken(
        sim,
        { serviceRoles: MANAGE_AS_APP, directoryRoles: [ROLE.complianceAdministrator] },
        SCC_SCOPE,
      );
      const response = await http.invoke(sccUrl, token, 'Get-FixtureDlpPolicy');
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({ value: [{ Name: 'Default DLP', Mode: 'Enable' }] });
      expect(sim.requests.all().at(-1)).toMatchObject({
        side: 'compliance',
        clientId: app.clientId,
        cmdlet: 'Get-FixtureDlpPolicy',
      });
      // Exchange's cmdlets are not Security & Compliance's.
      expect((await http.invoke(sccUrl, token, 'Get-FixtureMailbox')).status).toBe(400);
    });

    it("refuses Exchange Online's token (another audience)", async () => {
      expect((await http.invoke(sccUrl, exoToken, 'Get-FixtureDlpPolicy')).status).toBe(401);
    });

    it('refuses an Exchange Administrator, a role Security & Compliance does not accept', async () => {
      const { token } = await secretToken(
        sim,
        { serviceRoles: MANAGE_AS_APP, directoryRoles: [ROLE.exchangeAdministrator] },
        SCC_SCOPE,
      );
      const response = await http.invoke(sccUrl, token, 'Get-FixtureDlpPolicy');
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'Unauthorized' } });
    });

    it('pages and throttles like Exchange Online', async () => {
      const { token } = await secretToken(
        sim,
        { serviceRoles: MANAGE_AS_APP, directoryRoles: [ROLE.globalReader] },
        SCC_SCOPE,
      );
      sim.faults.add({
        match: { path: /^\/compliance\// },
        fault: { kind: 'status', status: 429, retryAfter: 2 },
      });
      const throttled = await http.invoke(sccUrl, token, 'Get-FixtureDlpPolicy');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('2');
      const page = await http.invoke(
        sccUrl,
        token,
        'Get-FixtureDlpPolicy',
        {},
        { prefer: 'odata.maxpagesize=1' },
      );
      expect(page.json()).toMatchObject({ value: [{ Name: 'Default DLP' }] });
      expect(page.headers.get('preference-applied')).toBe('odata.maxpagesize=1');
    });
  });
});
