import { resolveCloud } from '@m365-mcp/graph-core';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  builtInRoles,
  ConfigurationError,
  type DelegatedCheckReport,
  decodeUserToken,
  definePermissions,
  delegatedRequirements,
  delegatedScope,
  directoryRolesFor,
  formatDelegatedCheck,
  formatDelegatedPermissions,
  serverAppCredentialsFromEnv,
  signInModeFromEnv,
  userSignInCredential,
} from '../src/index.js';

const manifest = definePermissions('m365-test', [
  { permission: 'SecurityIncident.Read.All', reason: 'list_incidents reads incidents.', access: 'read' },
  { permission: 'Sites.FullControl.All', reason: 'fix_site_sharing changes a site.', access: 'write' },
  { permission: 'User.RevokeSessions.All', reason: 'revoke_sessions signs a user out.', access: 'write' },
]);

describe('delegated scopes and directory roles', () => {
  it("knows which permissions Graph has as delegated scopes, from Microsoft's catalogue", () => {
    expect(delegatedScope('securityincident.read.all')).toEqual({
      name: 'SecurityIncident.Read.All',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // Application-only in Microsoft's catalogue: no on-behalf-of path exists.
    expect(delegatedScope('Sites.FullControl.All')).toBeUndefined();
  });

  it('names the roles that allow a permission, least privileged first, the global ones last', () => {
    expect(directoryRolesFor('SecurityIncident.Read.All', 'read').map((role) => role.name)).toEqual([
      'Security Reader',
      'Security Operator',
      'Security Administrator',
      'Global Reader',
      'Global Administrator',
    ]);
    expect(directoryRolesFor('SecurityIncident.ReadWrite.All', 'write').map((role) => role.name)).toEqual([
      'Security Operator',
      'Security Administrator',
      'Global Administrator',
    ]);
    // A read of something the table does not know: Global Reader still allows every read.
    expect(directoryRolesFor('Bookings.Read.All', 'read')).toEqual([
      builtInRoles.globalReader,
      builtInRoles.globalAdministrator,
    ]);
  });

  it('lists what each permission of the mode needs: writes only with writes', () => {
    expect(delegatedRequirements(manifest, { writes: false }).map((entry) => entry.permission)).toEqual([
      'SecurityIncident.Read.All',
    ]);
    const withWrites = delegatedRequirements(manifest, { writes: true });
    expect(withWrites.map((entry) => [entry.permission, entry.scope])).toEqual([
      ['SecurityIncident.Read.All', 'SecurityIncident.Read.All'],
      ['Sites.FullControl.All', undefined],
      ['User.RevokeSessions.All', 'User.RevokeSessions.All'],
    ]);
    expect(withWrites[2]?.roles[0]).toEqual(builtInRoles.userAdministrator);
  });
});

describe('the sign-in choice', () => {
  it('is app unless M365_MCP_SIGN_IN says otherwise, and a wrong value names the choices', () => {
    expect(signInModeFromEnv({})).toBe('app');
    expect(signInModeFromEnv({ M365_MCP_SIGN_IN: ' ' })).toBe('app');
    expect(signInModeFromEnv({ M365_MCP_SIGN_IN: 'Device-Code' })).toBe('device-code');
    expect(signInModeFromEnv({ M365_MCP_SIGN_IN: 'azure-cli' })).toBe('azure-cli');
    expect(signInModeFromEnv({ M365_MCP_SIGN_IN: 'on-behalf-of' })).toBe('on-behalf-of');
    expect(() => signInModeFromEnv({ M365_MCP_SIGN_IN: 'browser' })).toThrow(
      'M365_MCP_SIGN_IN must be one of app, on-behalf-of, device-code, azure-cli; got "browser".',
    );
  });

  it('refuses an app secret beside a user sign-in rather than choosing one silently', () => {
    const cloud = resolveCloud({});
    const attempt = () =>
      userSignInCredential({
        mode: 'device-code',
        env: { AZURE_CLIENT_SECRET: 'shh', AZURE_TENANT_ID: 'contoso.onmicrosoft.com' },
        cloud,
      });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/M365_MCP_SIGN_IN=device-code signs in as you, but AZURE_CLIENT_SECRET is set/);
    expect(attempt).not.toThrow(/shh/);
  });

  it("says which client and tenant a device code sign-in uses, Microsoft's public client by default", () => {
    const cloud = resolveCloud({});
    expect(userSignInCredential({ mode: 'device-code', env: {}, cloud }).description).toBe(
      'your sign-in by device code (client Microsoft Graph Command Line Tools)',
    );
    expect(
      userSignInCredential({ mode: 'azure-cli', env: { AZURE_TENANT_ID: 'contoso.onmicrosoft.com' }, cloud })
        .description,
    ).toBe('your Azure CLI sign-in (az login) in tenant contoso.onmicrosoft.com');
  });
});

describe("the server app's credentials for on-behalf-of", () => {
  const app = {
    AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
    AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  };

  it('come from the app-only variables, and the secret is registered for scrubbing', () => {
    const registered: string[] = [];
    expect(
      serverAppCredentialsFromEnv({ ...app, AZURE_CLIENT_SECRET: 's3cret' }, (v) => registered.push(v)),
    ).toEqual({
      tenantId: app.AZURE_TENANT_ID,
      clientId: app.AZURE_CLIENT_ID,
      proof: { kind: 'client-secret', secret: 's3cret' },
    });
    expect(registered).toEqual(['s3cret']);
  });

  it('refuse what cannot make the exchange, naming what would', () => {
    expect(() => serverAppCredentialsFromEnv({ M365_USE_MANAGED_IDENTITY: 'true' })).toThrow(
      /On-behalf-of needs the server app's own confidential credential .* the configured managed-identity cannot make the exchange/,
    );
    expect(() =>
      serverAppCredentialsFromEnv({
        ...app,
        AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem',
        AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw',
      }),
    ).toThrow(/not encrypted/);
  });
});

describe('a user token and the delegated check report', () => {
  it('reads who the token is for and its scopes', async () => {
    const token = await new SignJWT({
      scp: 'User.Read SecurityIncident.Read.All',
      oid: 'u1',
      tid: 't1',
      upn: 'grace@contoso.com',
      appid: 'c1',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(2_000_000_000)
      .sign(new TextEncoder().encode('not-checked-here-not-checked-here'));
    expect(decodeUserToken(token)).toEqual({
      scopes: ['SecurityIncident.Read.All', 'User.Read'],
      objectId: 'u1',
      tenantId: 't1',
      userPrincipalName: 'grace@contoso.com',
      appId: 'c1',
      expiresOn: new Date(2_000_000_000_000),
    });
    expect(() => decodeUserToken('nope')).toThrow('not a JWT');
  });

  it('prints who, their roles, the scopes and per permission what is missing', () => {
    const [incidents, sites, sessions] = delegatedRequirements(manifest, { writes: true });
    const report: DelegatedCheckReport = {
      server: 'm365-test',
      writes: true,
      ok: false,
      userPrincipalName: 'grace@contoso.com',
      tenantId: 't1',
      scopes: ['SecurityIncident.Read.All', 'User.Read'],
      directoryRoles: [builtInRoles.globalReader],
      permissions: [
        { ...(incidents as NonNullable<typeof incidents>), scopeGranted: true, roleHeld: true },
        { ...(sites as NonNullable<typeof sites>), scopeGranted: false, roleHeld: false },
        { ...(sessions as NonNullable<typeof sessions>), scopeGranted: false, roleHeld: false },
      ],
    };
    const text = formatDelegatedCheck(report);
    expect(text).toContain('signed in as grace@contoso.com in tenant t1');
    expect(text).toContain('Directory roles: Global Reader');
    expect(text).toContain('Delegated scopes in the token (scp): SecurityIncident.Read.All User.Read');
    expect(text).toMatch(/Sites\.FullControl\.All: Graph has no delegated form of it/);
    expect(text).toMatch(
      /User\.RevokeSessions\.All: the delegated scope User\.RevokeSessions\.All is not in the token .*; and you hold none of the directory roles User Administrator, Privileged Authentication Administrator, Global Administrator\. Used for: revoke_sessions signs a user out\./,
    );
    expect(text).toMatch(/Result: FAILED, 2 permission\(s\) cannot work on your behalf\.\n$/);
  });
});

describe('formatDelegatedPermissions', () => {
  it('lists per permission the delegated permission and the roles, and what has no delegated form', () => {
    const text = formatDelegatedPermissions(manifest, { writes: true });
    expect(text).toMatch(
      /SecurityIncident\.Read\.All\s+read\s+SecurityIncident\.Read\.All\s+Security Reader, Security Operator/,
    );
    expect(text).toMatch(
      /Sites\.FullControl\.All\s+write\s+none: application-only\s+SharePoint Administrator, Global Administrator/,
    );
    expect(text).toContain(
      'Delegated permissions to grant (Microsoft Graph, type Scope) and consent: User.Read SecurityIncident.Read.All User.RevokeSessions.All',
    );
    expect(text).toContain(
      "Application-only (no delegated form; the tools that need them work only with the app's own sign-in): Sites.FullControl.All",
    );
  });
});
