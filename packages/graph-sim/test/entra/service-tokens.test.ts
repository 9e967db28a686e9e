// Entra issues client-credentials tokens for the admin APIs beyond Graph: the audience the scope
// named, and the app's roles on that resource only. Directory roles given at registration are role
// assignments of the app's service principal, visible through Graph.
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientCertificate, type GraphSim, startGraphSim } from '../../src/index.js';
import { fixtureRoutes, fixtureTenant, httpClient } from '../engine/support/fixtures.js';

const EXCHANGE = '00000002-0000-0ff1-ce00-000000000000';
const SHAREPOINT = '00000003-0000-0ff1-ce00-000000000000';
const TEAMS = '48ac35b8-9aa8-4d74-927d-1f4a14a0b239';
const POWER_BI = '00000009-0000-0000-c000-000000000000';
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';

describe('Entra tokens for the admin APIs beyond Graph', () => {
  let sim: GraphSim;
  let options: { authorityHost: string; disableInstanceDiscovery: true; tlsOptions: { ca: string } };

  beforeAll(async () => {
    sim = await startGraphSim({ tenant: fixtureTenant(), routes: fixtureRoutes() });
    options = { authorityHost: sim.url, disableInstanceDiscovery: true, tlsOptions: { ca: sim.ca } };
  });
  afterAll(() => sim.close());

  function secretApp() {
    const app = sim.registerApp({
      roles: ['User.Read.All'],
      serviceRoles: {
        [EXCHANGE]: ['Exchange.ManageAsApp'],
        [SHAREPOINT]: ['Sites.FullControl.All'],
        [POWER_BI]: ['Tenant.Read.All'],
      },
      secret: 'service-token-secret',
    });
    return {
      app,
      credential: new ClientSecretCredential(sim.tenantId, app.clientId, 'service-token-secret', options),
    };
  }

  it.each([
    ['https://outlook.office365.com/.default', 'https://outlook.office365.com', ['Exchange.ManageAsApp']],
    [`${EXCHANGE}/.default`, EXCHANGE, ['Exchange.ManageAsApp']],
    [
      'https://ps.compliance.protection.outlook.com/.default',
      'https://ps.compliance.protection.outlook.com',
      ['Exchange.ManageAsApp'],
    ],
    [`${TEAMS}/.default`, TEAMS, []],
    ['https://api.fabric.microsoft.com/.default', 'https://api.fabric.microsoft.com', ['Tenant.Read.All']],
    [
      'https://analysis.windows.net/powerbi/api/.default',
      'https://analysis.windows.net/powerbi/api',
      ['Tenant.Read.All'],
    ],
    [
      'https://fabrikamtest-admin.sharepoint.com/.default',
      'https://fabrikamtest-admin.sharepoint.com',
      ['Sites.FullControl.All'],
    ],
    ['https://graph.microsoft.com/.default', 'https://graph.microsoft.com', ['User.Read.All']],
  ])('scope %s gives aud %s and the roles on that resource only', async (scope, aud, roles) => {
    const { app, credential } = secretApp();
    const claims = decodeJwt((await credential.getToken(scope)).token);
    expect(claims).toMatchObject({ aud, appid: app.clientId, oid: app.servicePrincipalId, appidacr: '1' });
    expect(claims.roles).toEqual(roles);
  });

  it('marks a certificate-signed token appidacr 2 (what SharePoint requires)', async () => {
    const certificate = createClientCertificate();
    const app = sim.registerApp({
      roles: [],
      serviceRoles: { [SHAREPOINT]: ['Sites.FullControl.All'] },
      certificatePem: certificate.certificatePem,
    });
    const credential = new ClientCertificateCredential(
      sim.tenantId,
      app.clientId,
      { certificate: certificate.combinedPem },
      options,
    );
    const claims = decodeJwt(
      (await credential.getToken('https://fabrikamtest-admin.sharepoint.com/.default')).token,
    );
    expect(claims).toMatchObject({
      aud: 'https://fabrikamtest-admin.sharepoint.com',
      appidacr: '2',
      roles: ['Sites.FullControl.All'],
    });
  });

  it.each([
    'https://management.azure.com/.default',
    // Another tenant's SharePoint is not a resource of this tenant.
    'https://contoso-admin.sharepoint.com/.default',
  ])('still refuses an unknown resource (%s) with AADSTS500011', async (scope) => {
    const { credential } = secretApp();
    await expect(credential.getToken(scope)).rejects.toThrow(/AADSTS500011/);
  });

  it('issues a token for any audience through sim.issueToken', () => {
    const token = sim.issueToken({
      clientId: 'c1d2e3f4-0000-4000-8000-000000000001',
      roles: ['Exchange.ManageAsApp'],
      audience: 'https://outlook.office365.com',
      credential: 'certificate',
    });
    expect(decodeJwt(token)).toMatchObject({ aud: 'https://outlook.office365.com', appidacr: '2' });
  });

  it('adds nothing to the directory for an app without directory roles', () => {
    const before = JSON.stringify(sim.tenant.directory);
    sim.registerApp({ roles: ['User.Read.All'], serviceRoles: { [EXCHANGE]: ['Exchange.ManageAsApp'] } });
    expect(JSON.stringify(sim.tenant.directory)).toBe(before);
  });
});

describe('directory roles of a registered app, through Graph', () => {
  let sim: GraphSim;

  beforeAll(async () => {
    sim = await startGraphSim();
  });
  afterAll(() => sim.close());

  it('shows them as active role assignments of its service principal, filterable by principalId', async () => {
    const auditor = sim.registerApp({
      roles: ['RoleManagement.Read.Directory'],
      directoryRoles: [GLOBAL_READER],
    });
    const token = sim.issueToken({ clientId: auditor.clientId, roles: ['RoleManagement.Read.Directory'] });
    const { call } = httpClient(sim.ca);
    const filter = encodeURIComponent(`principalId eq '${auditor.servicePrincipalId}'`);
    const response = await call(
      `${sim.url}/v1.0/roleManagement/directory/roleAssignments?$filter=${filter}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    const body = response.json() as { value: Record<string, unknown>[] };
    expect(body.value).toEqual([
      expect.objectContaining({
        principalId: auditor.servicePrincipalId,
        roleDefinitionId: GLOBAL_READER,
        directoryScopeId: '/',
      }),
    ]);

    const expanded = await call(
      `${sim.url}/v1.0/roleManagement/directory/roleAssignments?$filter=${filter}&$expand=principal`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(
      (expanded.json() as { value: { principal: Record<string, unknown> }[] }).value[0]?.principal,
    ).toMatchObject({
      '@odata.type': '#microsoft.graph.servicePrincipal',
      id: auditor.servicePrincipalId,
      appId: auditor.clientId,
    });
  });
});
