import { X509Certificate } from 'node:crypto';
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
} from '@azure/identity';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientCertificate, type GraphSim, startGraphSim } from '../../src/index.js';
import { fixtureRoutes, fixtureTenant, httpClient, TENANT_ID } from '../engine/support/fixtures.js';

const SCOPE = 'https://graph.microsoft.com/.default';

describe('Entra token endpoint through @azure/identity', () => {
  let sim: GraphSim;
  let options: { authorityHost: string; disableInstanceDiscovery: true; tlsOptions: { ca: string } };

  beforeAll(async () => {
    sim = await startGraphSim({ tenant: fixtureTenant(), routes: fixtureRoutes() });
    options = { authorityHost: sim.url, disableInstanceDiscovery: true, tlsOptions: { ca: sim.ca } };
  });
  afterAll(() => sim.close());

  it('issues a Graph app token for a client secret, carrying the granted roles', async () => {
    const app = sim.registerApp({ displayName: 'Secret app', roles: ['User.Read.All', 'Sites.Read.All'] });
    expect(app.secret).toMatch(/^.{3}8Q~/);
    const credential = new ClientSecretCredential(sim.tenantId, app.clientId, app.secret as string, options);
    const token = await credential.getToken(SCOPE);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      tid: TENANT_ID,
      appid: app.clientId,
      azp: app.clientId,
      idtyp: 'app',
      roles: ['User.Read.All', 'Sites.Read.All'],
      oid: app.servicePrincipalId,
      sub: app.servicePrincipalId,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('accepts the initial domain as the tenant', async () => {
    const app = sim.registerApp({ roles: ['User.Read.All'] });
    const credential = new ClientSecretCredential(
      'fabrikamtest.onmicrosoft.com',
      app.clientId,
      app.secret as string,
      options,
    );
    await expect(credential.getToken(SCOPE)).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('rejects a wrong secret with AADSTS7000215', async () => {
    const app = sim.registerApp({ roles: ['User.Read.All'] });
    const credential = new ClientSecretCredential(sim.tenantId, app.clientId, 'not-the-secret', options);
    await expect(credential.getToken(SCOPE)).rejects.toThrow(/7000215/);
    const entry = sim.requests.all().findLast((e) => e.side === 'entra');
    expect(entry).toMatchObject({
      status: 401,
      clientId: app.clientId,
      path: `/${TENANT_ID}/oauth2/v2.0/token`,
    });
  });

  it('issues a token for a certificate-signed client assertion (ClientCertificateCredential)', async () => {
    const certificate = createClientCertificate();
    expect(new X509Certificate(certificate.certificatePem).subject).toContain('graph-sim test client');
    expect(certificate.certificatePem).not.toContain('PRIVATE KEY');
    const app = sim.registerApp({
      roles: ['SecurityAlert.Read.All'],
      certificatePem: certificate.certificatePem,
    });
    expect(app.secret).toBeUndefined();
    // A key pasted along with the certificate is ignored, never stored.
    const withKey = sim.registerApp({ roles: [], certificatePem: certificate.combinedPem });
    expect(withKey.certificatePem).not.toContain('PRIVATE KEY');
    const credential = new ClientCertificateCredential(
      sim.tenantId,
      app.clientId,
      { certificate: certificate.combinedPem },
      options,
    );
    const token = await credential.getToken(SCOPE);
    expect(decodeJwt(token.token)).toMatchObject({
      appid: app.clientId,
      appidacr: '2',
      roles: ['SecurityAlert.Read.All'],
    });
  });

  it('rejects an assertion signed with another certificate', async () => {
    const registered = createClientCertificate();
    const other = createClientCertificate();
    const app = sim.registerApp({ roles: ['User.Read.All'], certificatePem: registered.certificatePem });
    const credential = new ClientCertificateCredential(
      sim.tenantId,
      app.clientId,
      { certificate: other.combinedPem },
      options,
    );
    await expect(credential.getToken(SCOPE)).rejects.toThrow(/700027/);
  });

  it('issues a token for a federated (workload identity) assertion', async () => {
    const app = sim.registerApp({
      roles: ['User.Read.All'],
      federatedSubject: 'system:serviceaccount:ops:m365',
    });
    const credential = new ClientAssertionCredential(
      sim.tenantId,
      app.clientId,
      async () => sim.issueFederatedToken({ subject: 'system:serviceaccount:ops:m365' }),
      options,
    );
    const token = await credential.getToken(SCOPE);
    expect(decodeJwt(token.token)).toMatchObject({ appid: app.clientId, roles: ['User.Read.All'] });

    const wrongSubject = new ClientAssertionCredential(
      sim.tenantId,
      app.clientId,
      async () => sim.issueFederatedToken({ subject: 'system:serviceaccount:ops:intruder' }),
      options,
    );
    await expect(wrongSubject.getToken(SCOPE)).rejects.toThrow(/70021/);
  });

  it('builds OpenID metadata from the Host the client used, and serves the signing keys', async () => {
    const { call } = httpClient(sim.ca);
    const localhostUrl = sim.url.replace('127.0.0.1', 'localhost');
    const metadata = (
      await call(`${localhostUrl}/${TENANT_ID}/v2.0/.well-known/openid-configuration`)
    ).json() as Record<string, string>;
    expect(metadata.token_endpoint).toBe(`${localhostUrl}/${TENANT_ID}/oauth2/v2.0/token`);
    expect(metadata.jwks_uri).toBe(`${localhostUrl}/${TENANT_ID}/discovery/v2.0/keys`);
    expect(metadata.authorization_endpoint).toMatch(/^https:\/\/localhost:\d+\//);
    expect(JSON.stringify(metadata)).not.toContain('microsoftonline');
    const jwks = (await call(metadata.jwks_uri as string)).json() as {
      keys: { kid: string; kty: string; d?: string }[];
    };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: expect.any(String) });
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  it('answers an unknown tenant and a bad grant in Entra error shape', async () => {
    const { call } = httpClient(sim.ca);
    const unknown = await call(`${sim.url}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: 'invalid_tenant',
      error_codes: [90002],
      trace_id: expect.any(String),
    });
    const app = sim.registerApp({ roles: [] });
    const badGrant = await call(`${sim.url}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: app.clientId, scope: SCOPE }).toString(),
    });
    expect(badGrant.status).toBe(400);
    expect(badGrant.json()).toMatchObject({
      error: 'unsupported_grant_type',
      error_description: expect.stringMatching(/^AADSTS70003:/),
    });
  });
});
