// Fixture routes and a minimal tenant for the engine's tests: small, predictable data, so that a
// test can state exactly which page holds which item. (The Graph area routes have their own tests.)
import { Agent, type Dispatcher, fetch } from 'undici';
import { notFound, type RouteDefinition, type Tenant } from '../../../src/index.js';

export const TENANT_ID = '11111111-2222-4333-8444-555555555555';

export interface FixtureUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  createdDateTime: string;
  department: string | null;
  assignedLicenses: { skuId: string }[];
  manager?: { displayName: string };
}

const names = [
  'Adele Vance',
  "Conor O'Brien",
  'Alex Wilber',
  'Megan Bowen',
  'Lynne Robbins',
  'Diego Siciliani',
  'Isaiah Langer',
];

export function fixtureUsers(): FixtureUser[] {
  return names.map((displayName, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    displayName,
    userPrincipalName: `${displayName.split(' ')[0]?.replace("'", '')}@contoso.onmicrosoft.com`,
    accountEnabled: i !== 3,
    createdDateTime: `2024-0${i + 1}-15T10:00:00Z`,
    department: i % 2 === 0 ? 'Sales' : null,
    assignedLicenses: i < 2 ? [{ skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900' }] : [],
    manager: { displayName: i === 0 ? 'Zed' : 'Amy' },
  }));
}

export function fixtureTenant(): Tenant {
  return {
    id: TENANT_ID,
    displayName: 'Fabrikam Test',
    initialDomain: 'fabrikamtest.onmicrosoft.com',
    sharepointHost: 'fabrikamtest.sharepoint.com',
    directory: { users: [] },
    security: {},
    sharepoint: {},
  } as unknown as Tenant;
}

/** Routes over the given users array (mutable by the test). */
export function fixtureRoutes(users: FixtureUser[] = fixtureUsers()): RouteDefinition[] {
  return [
    {
      method: 'GET',
      path: '/users',
      workload: 'directory',
      cost: 2,
      pageSize: 3,
      maxPageSize: 5,
      filterable: [
        'displayName',
        'userPrincipalName',
        'accountEnabled',
        'createdDateTime',
        'assignedLicenses',
        'id',
        'department',
        'manager',
      ],
      handler: () => ({ kind: 'collection', items: users }),
    },
    {
      method: 'GET',
      path: '/users/delta',
      workload: 'directory',
      pageSize: 4,
      handler: (ctx) =>
        ctx.query.raw.get('$deltatoken') === 'round2'
          ? { kind: 'delta', items: [], deltaToken: 'round3' }
          : { kind: 'delta', items: users, deltaToken: 'round2' },
    },
    {
      method: 'GET',
      path: '/users/{id}',
      workload: 'directory',
      handler: (ctx) => {
        const user = users.find((u) => u.id === ctx.params.id || u.userPrincipalName === ctx.params.id);
        if (!user) throw notFound(`User '${ctx.params.id}'`);
        return { kind: 'entity', body: user, context: 'users' };
      },
    },
    {
      // The same people as groups: Graph allows $skip on /groups, not on /users.
      method: 'GET',
      path: '/groups',
      workload: 'directory',
      pageSize: 3,
      maxPageSize: 5,
      permissions: ['Group.Read.All'],
      handler: () => ({
        kind: 'collection',
        items: users.map(({ id, displayName }) => ({ id, displayName })),
      }),
    },
    {
      method: 'GET',
      path: '/identityProtection/riskyUsers',
      workload: 'identityProtection',
      permissions: ['IdentityRiskyUser.Read.All'],
      handler: () => ({ kind: 'collection', items: [{ id: 'r1', riskLevel: 'high' }] }),
    },
    {
      method: 'GET',
      path: '/security/alerts_v2',
      workload: 'security',
      handler: () => ({ kind: 'collection', items: [{ id: 'a1', severity: 'high' }] }),
    },
    {
      method: 'GET',
      path: '/reports/authenticationMethods/userRegistrationDetails',
      workload: 'reports',
      permissions: ['AuditLog.Read.All'],
      handler: () => ({ kind: 'collection', items: [{ id: 'u1', isMfaRegistered: true }] }),
    },
    {
      method: 'GET',
      path: '/sites/{hostname}:/sites/{path}',
      workload: 'sharepoint',
      permissions: ['Sites.Read.All'],
      handler: (ctx) => ({
        kind: 'entity',
        body: { id: `${ctx.params.hostname},site-${ctx.params.path}`, name: ctx.params.path },
        context: 'sites',
      }),
    },
    {
      method: 'GET',
      path: '/sites/{id}/permissions',
      workload: 'sharepoint',
      permissions: ['Sites.FullControl.All'],
      handler: () => ({ kind: 'collection', items: [{ id: '1', roles: ['read'] }] }),
    },
    {
      method: 'POST',
      path: '/users/{id}/revokeSignInSessions',
      workload: 'directory',
      permissions: ['User.RevokeSessions.All'],
      handler: () => ({ kind: 'entity', body: { value: true } }),
    },
  ];
}

export const ALL_FIXTURE_ROLES = [
  'User.Read.All',
  'Group.Read.All',
  'IdentityRiskyUser.Read.All',
  'SecurityAlert.Read.All',
  'AuditLog.Read.All',
  'Sites.Read.All',
  'Sites.FullControl.All',
  'User.RevokeSessions.All',
];

export interface SimHttpResponse {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

/** HTTPS to the simulator, trusting only its certificate. */
export function httpClient(ca: string): {
  dispatcher: Dispatcher;
  call: (
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ) => Promise<SimHttpResponse>;
} {
  const dispatcher = new Agent({ connect: { ca } });
  return {
    dispatcher,
    async call(url, init = {}) {
      const response = await fetch(url, { ...init, dispatcher });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers as unknown as Headers,
        text,
        json: () => JSON.parse(text),
      };
    },
  };
}
