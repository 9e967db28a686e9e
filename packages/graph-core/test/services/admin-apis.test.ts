// The admin API client against graph-sim's admin front door over HTTPS, signed in through a real
// @azure/identity certificate credential (SharePoint admin refuses secret-based app-only tokens).
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { createClientCertificate, type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminApis,
  type AdminApisOptions,
  collectRequestIds,
  createAdminApis,
  createGraphClient,
  ForbiddenError,
  type GraphClient,
  type GraphResponseInfo,
  microsoftApiAppIds,
  resolveCloud,
  ThrottledError,
  UnauthorizedError,
  UntrustedLinkError,
} from '../../src/index.js';

const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const TEAMS_ADMINISTRATOR = '69091246-20e8-4a56-aa4d-066075b2a7a8';
const MAILBOXES = Array.from({ length: 2_500 }, (_, i) => ({ Name: `mbx${i}`, Index: i }));
const SETTINGS = Array.from({ length: 5 }, (_, i) => ({ settingName: `Setting${i}`, enabled: i % 2 === 0 }));

let sim: GraphSim;
let graph: GraphClient;
let apis: AdminApis;
const responses: GraphResponseInfo[] = [];
let makeApis: (overrides?: Partial<AdminApisOptions>) => AdminApis;
let secretApis: AdminApis;
const opened: AdminApis[] = [];

beforeAll(async () => {
  sim = await startGraphSim({
    serviceHandlers: {
      exchangeCmdlets: {
        'Get-Mailbox': () => MAILBOXES,
        'Get-OrganizationConfig': (_tenant, parameters) => [
          { Name: 'Contoso', AuditDisabled: false, Echo: parameters },
        ],
      },
      complianceCmdlets: { 'Get-DlpCompliancePolicy': () => [{ Name: 'Default', Mode: 'Enable' }] },
      teams: ({ path }) =>
        path === '/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global'
          ? { status: 200, body: { Identity: 'Global', AllowAnonymousUsersToJoinMeeting: false } }
          : { status: 404, body: { error: { code: 'NotFound', message: 'No such configuration.' } } },
      // Two settings a page, linked by continuationToken and continuationUri as Fabric pages are.
      fabric: ({ query, baseUrl }) => {
        const start = Number(query.get('continuationToken') ?? '0');
        const next = start + 2 < SETTINGS.length ? String(start + 2) : undefined;
        return {
          status: 200,
          body: {
            value: SETTINGS.slice(start, start + 2),
            ...(next === undefined
              ? {}
              : {
                  continuationToken: next,
                  ...(baseUrl === undefined
                    ? {}
                    : { continuationUri: `${baseUrl}/v1/admin/tenantsettings?continuationToken=${next}` }),
                }),
          },
        };
      },
      sharepointAdmin: () => ({
        status: 200,
        body: { SharingCapability: 2, PreventExternalUsersFromResharing: true },
      }),
    },
  });
  const certificate = createClientCertificate();
  const app = sim.registerApp({
    displayName: 'admin apis (test)',
    roles: ['Organization.Read.All'],
    certificatePem: certificate.certificatePem,
    serviceRoles: {
      [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'],
      [microsoftApiAppIds.sharePointOnline]: ['Sites.FullControl.All'],
    },
    directoryRoles: [GLOBAL_READER, TEAMS_ADMINISTRATOR],
    fabricAdminApiAccess: true,
  });
  const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(
    certificate.certificatePem,
  )?.[0];
  const credentialOptions = {
    authorityHost: sim.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: sim.ca },
  };
  const credential = new ClientCertificateCredential(
    sim.tenantId,
    app.clientId,
    { certificate: `${certificate.privateKeyPem}${certificateBlock ?? ''}` },
    credentialOptions,
  );
  const cloud = resolveCloud({
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
    M365_EXCHANGE_URL: sim.serviceUrls.exchange,
    M365_COMPLIANCE_URL: sim.serviceUrls.compliance,
    M365_TEAMS_ADMIN_URL: sim.serviceUrls.teams,
    M365_FABRIC_URL: sim.serviceUrls.fabric,
    M365_SHAREPOINT_ADMIN_URL: sim.serviceUrls.sharepointAdmin,
  });
  graph = createGraphClient({ credential, cloud, ca: sim.ca });
  makeApis = (overrides = {}) => {
    const made = createAdminApis({
      credential,
      cloud,
      ca: sim.ca,
      graph,
      scheduler: { backoffBaseMs: 5, backoffCapMs: 20 },
      onResponse: (info) => responses.push(info),
      ...overrides,
    });
    opened.push(made);
    return made;
  };
  apis = makeApis();
  // A Graph-only app: no Exchange role, no directory role, no Fabric access.
  const graphOnly = sim.registerApp({ displayName: 'graph only (test)', roles: ['Organization.Read.All'] });
  secretApis = makeApis({
    credential: new ClientSecretCredential(
      sim.tenantId,
      graphOnly.clientId,
      graphOnly.secret ?? '',
      credentialOptions,
    ),
  });
});

afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
  await graph?.close();
  await sim?.close();
});

function serviceLog(side: string) {
  return sim.requests.all().filter((entry) => entry.side === side);
}

describe('Exchange Online and Security & Compliance through InvokeCommand', () => {
  it('reads every row of a cmdlet across its pages, with the module’s routing headers', async () => {
    sim.requests.clear();
    const rows = await apis.invokeCmdlet('exchange', 'Get-Mailbox', { ResultSize: 'Unlimited' });
    expect(rows).toHaveLength(MAILBOXES.length);
    expect(rows.at(-1)).toEqual(MAILBOXES.at(-1));
    const log = serviceLog('exchange');
    expect(log.map((entry) => entry.status)).toEqual([200, 200, 200]);
    expect(log.every((entry) => entry.method === 'POST' && entry.cmdlet === 'Get-Mailbox')).toBe(true);
    expect(log[0]?.path).toBe(`/exchange/adminapi/beta/${sim.tenantId}/InvokeCommand`);
    expect(log[0]?.headers).toMatchObject({
      prefer: 'odata.maxpagesize=1000',
      'x-cmdletname': 'Get-Mailbox',
      'x-clientapplication': 'ExoManagementModule',
      'x-anchormailbox': `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${sim.tenantId}`,
      authorization: 'Bearer <redacted>',
    });
  });

  it('sends the parameters as the cmdlet’s and reads Security & Compliance on its own base URL', async () => {
    const [config] = await apis.invokeCmdlet('exchange', 'Get-OrganizationConfig', { Identity: 'Contoso' });
    expect(config).toMatchObject({ Name: 'Contoso', Echo: { Identity: 'Contoso' } });
    sim.requests.clear();
    expect(await apis.invokeCmdlet('compliance', 'Get-DlpCompliancePolicy')).toEqual([
      { Name: 'Default', Mode: 'Enable' },
    ]);
    expect(serviceLog('compliance')).toHaveLength(1);
  });

  it('waits out a 429 with Retry-After, pausing the lane, and reports the service and cmdlet', async () => {
    sim.requests.clear();
    responses.length = 0;
    sim.faults.add({
      match: { cmdlet: 'Get-OrganizationConfig' },
      fault: { kind: 'status', status: 429, retryAfter: 1 },
    });
    const rows = await apis.invokeCmdlet('exchange', 'Get-OrganizationConfig');
    expect(rows).toHaveLength(1);
    const [throttled, retried] = serviceLog('exchange');
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect((retried?.time ?? 0) - (throttled?.time ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(responses.map((r) => [r.service, r.cmdlet, r.status, r.attempt])).toEqual([
      ['exchange', 'Get-OrganizationConfig', 429, 0],
      ['exchange', 'Get-OrganizationConfig', 200, 1],
    ]);
  });

  it('gives up on a throttle that outlasts the budget with a typed error', async () => {
    const impatient = makeApis({ scheduler: { maxRetries: 1, backoffBaseMs: 5 } });
    sim.faults.add({
      match: { cmdlet: 'Get-DlpCompliancePolicy' },
      times: 2,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const error = await impatient
      .invokeCmdlet('compliance', 'Get-DlpCompliancePolicy')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).message).toMatch(
      /^Security & Compliance: Get-DlpCompliancePolicy failed with 429/,
    );
  });

  it('answers an app without Exchange.ManageAsApp with a typed error, its request id and no token', async () => {
    const error = await secretApis
      .invokeCmdlet('exchange', 'Get-OrganizationConfig')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    const typed = error as UnauthorizedError;
    expect(typed.status).toBe(401);
    expect(typed.message).toMatch(/^Exchange Online: Get-OrganizationConfig failed with 401/);
    expect(typed.requestId).toMatch(/\S/);
    expect(JSON.stringify(typed)).not.toMatch(/eyJ/);
  });

  it('keeps to the lane’s concurrency, however many cmdlets are asked for at once', async () => {
    const narrow = makeApis({ scheduler: { limits: { exchange: { maxConcurrency: 2 } } } });
    sim.requests.clear();
    await Promise.all(
      Array.from({ length: 8 }, () => narrow.invokeCmdlet('exchange', 'Get-OrganizationConfig')),
    );
    const log = serviceLog('exchange');
    expect(log).toHaveLength(8);
    // At each arrival, how many earlier requests were still being answered.
    const inFlight = log.map(
      (entry) =>
        log.filter((other) => other.seq < entry.seq && other.time + other.durationMs > entry.time).length + 1,
    );
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(2);
  });

  it('asks Entra once for a scope, however many cmdlets start at once', async () => {
    const app = sim.registerApp({
      displayName: 'one token (test)',
      roles: [],
      serviceRoles: { [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'] },
      directoryRoles: [GLOBAL_READER],
    });
    const fresh = makeApis({
      credential: new ClientSecretCredential(sim.tenantId, app.clientId, app.secret ?? '', {
        authorityHost: sim.url,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: sim.ca },
      }),
    });
    sim.requests.clear();
    await Promise.all(
      Array.from({ length: 6 }, () => fresh.invokeCmdlet('exchange', 'Get-OrganizationConfig')),
    );
    expect(serviceLog('exchange')).toHaveLength(6);
    expect(sim.requests.all().filter((e) => e.side === 'entra' && e.method === 'POST')).toHaveLength(1);
  });

  it('collects the request ids of every response for the audit log', async () => {
    const { requestIds } = await collectRequestIds(() =>
      apis.invokeCmdlet('exchange', 'Get-OrganizationConfig'),
    );
    expect(requestIds).toHaveLength(1);
  });
});

describe('Teams, Fabric and SharePoint admin over REST', () => {
  it('gets a Teams configuration, and a missing one as a typed 404', async () => {
    const policy = await apis.get(
      'teams',
      '/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global',
    );
    expect(policy).toMatchObject({ Identity: 'Global', AllowAnonymousUsersToJoinMeeting: false });
    await expect(apis.get('teams', '/Skype.Policy/configurations/Nope')).rejects.toThrow(
      /^the Teams admin API: GET \/teams\/Skype.Policy\/configurations\/Nope failed with 404 NotFound: No such configuration\./,
    );
  });

  it('lists every Fabric tenant setting across continuation pages', async () => {
    sim.requests.clear();
    const rows = await apis.list('fabric', '/v1/admin/tenantsettings');
    expect(rows).toEqual(SETTINGS);
    expect(serviceLog('fabric').map((entry) => entry.query.continuationToken)).toEqual([undefined, '2', '4']);
  });

  it('waits out a Fabric 429 with Retry-After and reads on, as for the cmdlets', async () => {
    const fabric = makeApis({
      scheduler: { backoffBaseMs: 5, limits: { fabricAdmin: { windowMax: undefined } } },
    });
    sim.requests.clear();
    sim.faults.add({
      match: { path: '/fabric/v1/admin/tenantsettings' },
      times: 1,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    expect(await fabric.list('fabric', '/v1/admin/tenantsettings')).toEqual(SETTINGS);
    expect(serviceLog('fabric').map((entry) => entry.status)).toEqual([429, 200, 200, 200]);
  });

  it('refuses a 403 from Fabric as a typed error naming the service', async () => {
    const error = await secretApis.list('fabric', '/v1/admin/tenantsettings').catch((e: unknown) => e);
    expect([ForbiddenError, UnauthorizedError].some((type) => error instanceof type)).toBe(true);
    expect((error as Error).message).toMatch(
      /^the Fabric admin API: GET \/fabric\/v1\/admin\/tenantsettings failed with 40[13]/,
    );
  });

  it('asks for the SharePoint admin token of the tenant’s initial domain', async () => {
    const tenant = await apis.get(
      'sharepointAdmin',
      '/_api/Microsoft.Online.SharePoint.TenantAdministration.Tenant',
    );
    expect(tenant).toMatchObject({ SharingCapability: 2 });
    const [entry] = serviceLog('sharepointAdmin').slice(-1);
    expect(entry?.headers.accept).toBe('application/json;odata=nometadata');
  });

  it('refuses paths that leave the service’s base URL', async () => {
    await expect(apis.get('teams', '/../exchange/x')).rejects.toThrow(/must start with \/ and stay under/);
    await expect(apis.get('teams', 'Skype.Policy')).rejects.toThrow(/must start with \//);
  });

  it('follows a next-page link only under the service’s base URL', async () => {
    const { trustedLink } = await import('../../src/services/service-links.js');
    expect(() =>
      trustedLink(sim.serviceUrls.fabric, 'https://evil.example/v1/admin', 'the Fabric admin API'),
    ).toThrow(UntrustedLinkError);
    expect(() =>
      trustedLink(sim.serviceUrls.fabric, `${sim.serviceUrls.teams}/x`, 'the Fabric admin API'),
    ).toThrow(/only links under/);
    expect(
      trustedLink(sim.serviceUrls.fabric, '/fabric/v1/admin/tenantsettings?continuationToken=2', 'x').href,
    ).toBe(`${sim.serviceUrls.fabric}/v1/admin/tenantsettings?continuationToken=2`);
  });
});
