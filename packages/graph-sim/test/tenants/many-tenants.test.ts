import { Resolver } from 'node:dns/promises';
import { decodeJwt } from 'jose';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTOSO_TENANT_ID,
  createClientCertificate,
  type GraphSim,
  generateTenant,
  roleTemplateIds,
  serviceResourceAppIds,
} from '../../src/index.js';
import { httpClient } from '../engine/support/fixtures.js';
import {
  certificateToken,
  EXCHANGE_SCOPE,
  graphGet,
  SECRET,
  secretToken,
  startPortfolioSim,
} from './support.js';

async function fetchNoRedirect(url: string, token: string) {
  return fetch(url, {
    redirect: 'manual',
    headers: { authorization: `Bearer ${token}` },
    dispatcher: new Agent({ connect: { ca: sim.ca } }),
  });
}

let sim: GraphSim;

describe('one simulator, many tenants', () => {
  let one: string;
  let two: string;

  beforeAll(async () => {
    sim = await startPortfolioSim();
    [, one, two] = sim.tenantIds as [string, string, string];
  });
  afterAll(() => sim.close());

  it('hosts the first tenant as before, and the others beside it', () => {
    expect(sim.tenantId).toBe(CONTOSO_TENANT_ID);
    expect(sim.tenantIds).toHaveLength(3);
    expect(sim.tenantById(one)?.initialDomain).toBe('tenant-01.onmicrosoft.com');
    expect(sim.tenantById('TENANT-02.onmicrosoft.com')?.id).toBe(two);
    expect(sim.tenantById('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(() => sim.addTenant(generateTenant({ seed: 1, name: 'tenant-01' }))).toThrow(/already hosted/);
  });

  it('signs one multi-tenant app in to each consented tenant with one secret; each answers with its own data', async () => {
    const app = sim.registerApp({ displayName: 'MSP app', roles: ['Organization.Read.All'], secret: SECRET });
    const grant = sim.consent(one, app.clientId);
    const home = await secretToken(sim, sim.tenantId, app.clientId);
    const away = await secretToken(sim, 'tenant-01.onmicrosoft.com', app.clientId);
    expect(decodeJwt(home)).toMatchObject({ tid: CONTOSO_TENANT_ID, oid: app.servicePrincipalId });
    expect(decodeJwt(away)).toMatchObject({
      tid: one,
      iss: `https://sts.windows.net/${one}/`,
      oid: grant.servicePrincipalId,
      roles: ['Organization.Read.All'],
    });
    expect(grant.servicePrincipalId).not.toBe(app.servicePrincipalId);

    const contoso = await graphGet(sim, '/organization', home);
    const tenantOne = await graphGet(sim, '/organization', away);
    expect(contoso.status).toBe(200);
    expect(tenantOne.status).toBe(200);
    expect((contoso.json() as { value: { id: string }[] }).value[0]?.id).toBe(CONTOSO_TENANT_ID);
    expect((tenantOne.json() as { value: { id: string; displayName: string }[] }).value[0]).toMatchObject({
      id: one,
      displayName: 'Tenant 01',
    });
    // Not consented in the other tenant: Entra does not know the app there.
    await expect(secretToken(sim, two, app.clientId)).rejects.toThrow(/AADSTS700016/);

    const logged = sim.requests.all().filter((e) => e.path === '/organization');
    expect(logged.map((e) => e.tenantId)).toEqual([CONTOSO_TENANT_ID, one]);
    const signIns = sim.requests.all().filter((e) => e.side === 'entra' && e.clientId === app.clientId);
    expect(signIns.map((e) => [e.tenantId, e.status])).toEqual([
      [CONTOSO_TENANT_ID, 200],
      [one, 200],
      [two, 400],
    ]);
  });

  it('signs the same app in to each tenant with one certificate, with the grants consented there', async () => {
    const certificate = createClientCertificate();
    const app = sim.registerApp({ roles: ['User.Read.All'], certificatePem: certificate.certificatePem });
    sim.consent(two, app.clientId, { roles: ['Organization.Read.All'] });
    const home = decodeJwt(await certificateToken(sim, sim.tenantId, app.clientId, certificate));
    const away = decodeJwt(await certificateToken(sim, two, app.clientId, certificate));
    expect(home).toMatchObject({ tid: CONTOSO_TENANT_ID, roles: ['User.Read.All'], appidacr: '2' });
    expect(away).toMatchObject({ tid: two, roles: ['Organization.Read.All'], appidacr: '2' });
  });

  it('after consent is revoked, refuses sign-in with AADSTS700016 and the tokens already issued, while the other tenants keep working', async () => {
    const app = sim.registerApp({ roles: ['Organization.Read.All'], secret: SECRET });
    const grant = sim.consent(two, app.clientId);
    const before = await secretToken(sim, two, app.clientId);
    expect((await graphGet(sim, '/organization', before)).status).toBe(200);
    expect(
      sim.tenantById(two)?.directory.servicePrincipals.some((sp) => sp.id === grant.servicePrincipalId),
    ).toBe(true);

    expect(sim.revokeConsent(two, app.clientId)).toBe(true);
    expect(sim.revokeConsent(two, app.clientId)).toBe(false);
    const error = await secretToken(sim, two, app.clientId).catch((e: unknown) => e as Error);
    expect(String(error)).toMatch(
      new RegExp(
        `AADSTS700016: Application with identifier '${app.clientId}' was not found in the directory 'Tenant 02'`,
      ),
    );
    const refused = await graphGet(sim, '/organization', before);
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'Authorization_IdentityNotFound' } });
    expect(
      sim.tenantById(two)?.directory.servicePrincipals.some((sp) => sp.id === grant.servicePrincipalId),
    ).toBe(false);

    const home = await secretToken(sim, sim.tenantId, app.clientId);
    expect((await graphGet(sim, '/organization', home)).status).toBe(200);

    // Consent again: a new service principal, and sign-in works again.
    const again = sim.consent(two, app.clientId);
    expect(again.servicePrincipalId).not.toBe(grant.servicePrincipalId);
    expect((await graphGet(sim, '/organization', await secretToken(sim, two, app.clientId))).status).toBe(
      200,
    );
  });

  it('gives a token for one tenant no way into another: Graph answers from its own, Exchange refuses the other tenant in its URL', async () => {
    const app = sim.registerApp({
      roles: ['Organization.Read.All'],
      secret: SECRET,
      serviceRoles: { [serviceResourceAppIds.exchangeOnline]: ['Exchange.ManageAsApp'] },
      directoryRoles: [roleTemplateIds.globalReader],
    });
    const grant = sim.consent(one, app.clientId);
    // The directory role is an active assignment in THAT tenant's directory.
    expect(
      sim
        .tenantById(one)
        ?.directory.roleAssignments.filter((a) => a.principalId === grant.servicePrincipalId),
    ).toMatchObject([{ roleDefinitionId: roleTemplateIds.globalReader, directoryScopeId: '/' }]);

    const token = await secretToken(sim, one, app.clientId, EXCHANGE_SCOPE);
    const { call } = httpClient(sim.ca);
    const invoke = (tenant: string) =>
      call(`${sim.serviceUrls.exchange}/adminapi/beta/${tenant}/InvokeCommand`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ CmdletInput: { CmdletName: 'Get-OrganizationConfig', Parameters: {} } }),
      });
    const own = await invoke('tenant-01.onmicrosoft.com');
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.json())).toContain('tenant-01');
    const other = await invoke(two);
    expect(other.status).toBe(401);
    expect(other.text).toContain('is not the tenant of the access token');
    expect(sim.requests.all().at(-1)).toMatchObject({ side: 'exchange', tenantId: one, status: 401 });

    // A token for a tenant this simulator does not host is refused as an invalid token.
    const stranger = sim.issueToken({ clientId: app.clientId, roles: ['Organization.Read.All'] }).split('.');
    const claims = { ...decodeJwt(stranger.join('.')), tid: '99999999-9999-4999-8999-999999999999' };
    stranger[1] = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect((await graphGet(sim, '/organization', stranger.join('.'))).status).toBe(401);
  });

  it("follows a file's download URL to the tenant the token was for", async () => {
    const app = sim.registerApp({ roles: ['Files.Read.All', 'Sites.Read.All'], secret: SECRET });
    sim.consent(one, app.clientId);
    const drive = sim.tenantById(one)?.sharepoint.drives.find((d) => d.items.some((i) => i.content));
    const file = drive?.items.find((i) => i.content) as { id: string; content?: string };
    file.content = 'only in tenant-01';
    const token = await secretToken(sim, one, app.clientId);
    const redirect = await fetchNoRedirect(
      `${sim.url}/v1.0/drives/${drive?.id}/items/${file.id}/content`,
      token,
    );
    expect(redirect.status).toBe(302);
    const download = await httpClient(sim.ca).call(redirect.headers.get('location') as string);
    expect(download.text).toBe('only in tenant-01');
    expect(sim.requests.all().at(-1)).toMatchObject({ side: 'download', tenantId: one });
  });

  it('answers Entra metadata for every hosted tenant and AADSTS90002 for others', async () => {
    const { call } = httpClient(sim.ca);
    const metadata = await call(`${sim.url}/tenant-02.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    expect(metadata.status).toBe(200);
    expect(metadata.json()).toMatchObject({ issuer: expect.stringContaining(two) });
    const unknown = await call(`${sim.url}/nobody.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('AADSTS90002');
  });

  it("answers DNS for every hosted tenant's domains", async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([sim.dns.address]);
    const dmarc = (await resolver.resolveTxt('_dmarc.tenant-01.com')).map((r) => r.join(''));
    expect(dmarc[0]).toMatch(/^v=DMARC1; p=(reject|quarantine|none);/);
    expect(await resolver.resolveTxt('contoso.com')).not.toHaveLength(0);
    expect(await resolver.resolveTxt('tenant-02.onmicrosoft.com')).not.toHaveLength(0);
  });
});
