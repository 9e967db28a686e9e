// App registrations, their service principals and what they were granted. Planted: an app whose
// only secret EXPIRED a month ago, an app with a 2-year secret that holds Directory.ReadWrite.All
// as an application permission (an appRoleAssignment on its service principal), and a healthy app
// (certificate, delegated User.Read only).
import type { GraphEntity } from '../../directory.js';
import { CONTOSO_TENANT_ID, demoPeople } from '../people.js';
import { daysAgo, stableId } from './ids.js';
import {
  type GraphAppRoleName,
  graphAppRoleIds,
  graphScopeIds,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_SERVICES_TENANT_ID,
} from './wellKnown.js';

export const demoAppIds = {
  hrSync: { appId: stableId('app/hr-sync/appId'), id: stableId('app/hr-sync'), sp: stableId('sp/hr-sync') },
  reporting: {
    appId: stableId('app/legacy-reporting/appId'),
    id: stableId('app/legacy-reporting'),
    sp: stableId('sp/legacy-reporting'),
  },
  intranet: {
    appId: stableId('app/intranet/appId'),
    id: stableId('app/intranet'),
    sp: stableId('sp/intranet'),
  },
  graph: { appId: MICROSOFT_GRAPH_APP_ID, sp: stableId('sp/microsoft-graph') },
} as const;

interface Credential {
  displayName: string;
  startDaysAgo: number;
  /** Days from now until expiry; negative = already expired. */
  expiresInDays: number;
}

function passwordCredential(now: Date, owner: string, c: Credential): Record<string, unknown> {
  const keyId = stableId(`secret/${owner}/${c.displayName}`);
  return {
    customKeyIdentifier: null,
    displayName: c.displayName,
    endDateTime: daysAgo(now, -c.expiresInDays),
    hint: keyId.slice(0, 3),
    keyId,
    // Graph never returns a secret's value after creation.
    secretText: null,
    startDateTime: daysAgo(now, c.startDaysAgo),
  };
}

function keyCredential(now: Date, owner: string, c: Credential): Record<string, unknown> {
  return {
    customKeyIdentifier: Buffer.from(stableId(`thumb/${owner}`))
      .toString('hex')
      .slice(0, 40)
      .toUpperCase(),
    displayName: c.displayName,
    endDateTime: daysAgo(now, -c.expiresInDays),
    // `key` is only returned when keyCredentials is in $select; null keeps list responses faithful.
    key: null,
    keyId: stableId(`cert/${owner}/${c.displayName}`),
    startDateTime: daysAgo(now, c.startDaysAgo),
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  };
}

function graphAccess(roles: GraphAppRoleName[], scopes: (keyof typeof graphScopeIds)[]): unknown[] {
  return [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceAccess: [
        ...roles.map((r) => ({ id: graphAppRoleIds[r], type: 'Role' })),
        ...scopes.map((s) => ({ id: graphScopeIds[s], type: 'Scope' })),
      ],
    },
  ];
}

interface AppSpec {
  key: 'hrSync' | 'reporting' | 'intranet';
  displayName: string;
  createdDaysAgo: number;
  secrets: Credential[];
  certificates: Credential[];
  roles: GraphAppRoleName[];
  scopes: (keyof typeof graphScopeIds)[];
  notes: string;
}

const appSpecs: AppSpec[] = [
  {
    key: 'hrSync',
    displayName: 'Contoso HR Sync',
    createdDaysAgo: 760,
    secrets: [{ displayName: 'hr-sync-2023', startDaysAgo: 395, expiresInDays: -30 }],
    certificates: [],
    roles: ['User.Read.All'],
    scopes: [],
    notes: 'Provisions users from the HR system',
  },
  {
    key: 'reporting',
    displayName: 'Legacy Reporting Connector',
    createdDaysAgo: 400,
    secrets: [{ displayName: 'reporting', startDaysAgo: 60, expiresInDays: 730 - 60 }],
    certificates: [],
    roles: ['Directory.ReadWrite.All', 'AuditLog.Read.All'],
    scopes: [],
    notes: 'Nightly directory export for the BI warehouse',
  },
  {
    key: 'intranet',
    displayName: 'Contoso Intranet',
    createdDaysAgo: 500,
    secrets: [],
    certificates: [{ displayName: 'CN=intranet.contoso.com', startDaysAgo: 100, expiresInDays: 265 }],
    roles: [],
    scopes: ['openid', 'profile', 'User.Read'],
    notes: 'Employee intranet sign-in',
  },
];

export function demoApplications(now: Date): GraphEntity[] {
  return appSpecs.map((s) => {
    const ids = demoAppIds[s.key];
    return {
      id: ids.id,
      deletedDateTime: null,
      appId: ids.appId,
      createdDateTime: daysAgo(now, s.createdDaysAgo),
      description: null,
      displayName: s.displayName,
      identifierUris: [`api://${ids.appId}`],
      notes: s.notes,
      publisherDomain: 'contoso.com',
      signInAudience: 'AzureADMyOrg',
      tags: [],
      keyCredentials: s.certificates.map((c) => keyCredential(now, ids.id, c)),
      passwordCredentials: s.secrets.map((c) => passwordCredential(now, ids.id, c)),
      requiredResourceAccess: graphAccess(s.roles, s.scopes),
      web: { redirectUris: s.key === 'intranet' ? ['https://intranet.contoso.com/signin-oidc'] : [] },
    };
  });
}

function servicePrincipal(fields: {
  id: string;
  appId: string;
  displayName: string;
  owner: string;
  createdDaysAgo: number;
  now: Date;
  appRoles?: unknown[];
}): GraphEntity {
  return {
    id: fields.id,
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: fields.displayName,
    appId: fields.appId,
    appOwnerOrganizationId: fields.owner,
    appRoleAssignmentRequired: false,
    appRoles: fields.appRoles ?? [],
    createdDateTime: daysAgo(fields.now, fields.createdDaysAgo),
    displayName: fields.displayName,
    homepage: null,
    keyCredentials: [],
    passwordCredentials: [],
    oauth2PermissionScopes: [],
    replyUrls: [],
    servicePrincipalNames: [fields.appId],
    servicePrincipalType: 'Application',
    signInAudience: fields.owner === CONTOSO_TENANT_ID ? 'AzureADMyOrg' : 'AzureADMultipleOrgs',
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
  };
}

export function demoServicePrincipals(now: Date): GraphEntity[] {
  const graphAppRoles = (Object.keys(graphAppRoleIds) as GraphAppRoleName[]).map((value) => ({
    allowedMemberTypes: ['Application'],
    description: `Allows the app to use ${value} without a signed-in user.`,
    displayName: value,
    id: graphAppRoleIds[value],
    isEnabled: true,
    origin: 'Application',
    value,
  }));
  return [
    servicePrincipal({
      id: demoAppIds.graph.sp,
      appId: MICROSOFT_GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      owner: MICROSOFT_SERVICES_TENANT_ID,
      createdDaysAgo: 1300,
      now,
      appRoles: graphAppRoles,
    }),
    ...appSpecs.map((s) =>
      servicePrincipal({
        id: demoAppIds[s.key].sp,
        appId: demoAppIds[s.key].appId,
        displayName: s.displayName,
        owner: CONTOSO_TENANT_ID,
        createdDaysAgo: s.createdDaysAgo,
        now,
      }),
    ),
  ];
}

/** Admin-consented application permissions: one appRoleAssignment per (app, Graph role). */
export function demoAppRoleAssignments(now: Date): GraphEntity[] {
  return appSpecs.flatMap((s) =>
    s.roles.map((role) => ({
      id: stableId(`appRoleAssignment/${s.key}/${role}`),
      deletedDateTime: null,
      appRoleId: graphAppRoleIds[role],
      createdDateTime: daysAgo(now, s.key === 'reporting' ? 60 : s.createdDaysAgo - 1),
      principalDisplayName: s.displayName,
      principalId: demoAppIds[s.key].sp,
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      resourceId: demoAppIds.graph.sp,
    })),
  );
}

/** Delegated permissions consented for the whole organisation. */
export function demoOauth2PermissionGrants(): GraphEntity[] {
  return [
    {
      id: stableId('oauth2grant/intranet'),
      clientId: demoAppIds.intranet.sp,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: demoAppIds.graph.sp,
      scope: 'openid profile User.Read',
    },
    {
      // A user consented for themselves: allowed because user consent is on (a planted CIS failure).
      id: stableId('oauth2grant/miriam-reporting'),
      clientId: demoAppIds.reporting.sp,
      consentType: 'Principal',
      principalId: demoPeople.miriam.id,
      resourceId: demoAppIds.graph.sp,
      scope: 'User.Read',
    },
  ];
}
