import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../../src/index.js';
import { type DirectoryTestSim, errorCode, type GraphTestClient, startDirectorySim } from './support.js';

describe('directory routes: users', () => {
  let t: DirectoryTestSim;
  let reader: GraphTestClient;

  beforeAll(async () => {
    t = await startDirectorySim();
    reader = await t.clientWith(['User.Read.All', 'AuditLog.Read.All']);
  });
  afterAll(() => t.close());

  it('lists users with only the default properties when nothing is selected', async () => {
    const reply = await reader.get('/users');
    expect(reply.status).toBe(200);
    expect(reply.body['@odata.context']).toMatch(/\/v1\.0\/\$metadata#users$/);
    const users = reply.body.value as Record<string, unknown>[];
    expect(users.length).toBe(t.tenant.directory.users.length);
    expect(Object.keys(users[0] ?? {}).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
  });

  it('pages with $top and follows nextLink to the end', async () => {
    const first = await reader.get('/users?$top=10&$select=id,accountEnabled');
    expect((first.body.value as unknown[]).length).toBe(10);
    expect(first.body['@odata.nextLink']).toEqual(expect.stringContaining('$skiptoken='));
    const all = await reader.all('/users?$top=10&$select=id,accountEnabled');
    expect(new Set(all.map((u) => u.id)).size).toBe(t.tenant.directory.users.length);
  });

  it('returns signInActivity only when selected, and filters on it', async () => {
    const plain = await reader.get('/users?$select=id,accountEnabled,userType');
    expect((plain.body.value as Record<string, unknown>[]).some((u) => 'signInActivity' in u)).toBe(false);

    const stale = await reader.all(
      '/users?$select=id,userPrincipalName,signInActivity&$filter=signInActivity/lastSignInDateTime le 2026-04-01T00:00:00Z and accountEnabled eq true',
    );
    expect(stale.map((u) => u.id)).toContain(demoPeople.diego.id);
    expect(stale.map((u) => u.id)).not.toContain(demoPeople.megan.id);
    const diego = stale.find((u) => u.id === demoPeople.diego.id);
    expect(diego?.signInActivity).toMatchObject({ lastSignInDateTime: expect.any(String) });

    const never = await reader.get(
      `/users/${demoPeople.pradeep.id}?$select=id,createdDateTime,signInActivity`,
    );
    expect(never.body.signInActivity).toBeNull();
  });

  it('refuses signInActivity without AuditLog.Read.All, as Graph does', async () => {
    const noAudit = await t.clientWith(['User.Read.All']);
    const reply = await noAudit.get('/users?$select=id,signInActivity');
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('Authorization_RequestDenied');
    expect((await noAudit.get('/users?$select=id,accountEnabled')).status).toBe(200);
  });

  it('gets a user by id or by user principal name, and 404s an unknown one', async () => {
    const byUpn = await reader.get(
      `/users/${encodeURIComponent(demoPeople.christie.userPrincipalName)}?$select=id,onPremisesSyncEnabled`,
    );
    expect(byUpn.body).toMatchObject({ id: demoPeople.christie.id, onPremisesSyncEnabled: true });
    const byId = await reader.get(`/users/${demoPeople.christie.id}`);
    expect(byId.body.userPrincipalName).toBe(demoPeople.christie.userPrincipalName);
    const missing = await reader.get('/users/00000000-0000-0000-0000-00000000dead');
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe('Request_ResourceNotFound');
  });

  it('disables an account with PATCH, visible to a later GET and in the audit log', async () => {
    const writer = await t.clientWith(['User.ReadWrite.All']);
    const patched = await writer.send('PATCH', `/users/${demoPeople.nestor.id}`, { accountEnabled: false });
    expect(patched.status).toBe(204);
    const after = await reader.get(`/users/${demoPeople.nestor.id}?$select=accountEnabled`);
    expect(after.body.accountEnabled).toBe(false);
    const audits = await (await t.clientWith(['AuditLog.Read.All'])).get('/auditLogs/directoryAudits?$top=1');
    expect((audits.body.value as Record<string, unknown>[])[0]).toMatchObject({
      activityDisplayName: 'Disable account',
    });
  });

  it('rejects a PATCH with a property it does not know, and a PATCH without a write role', async () => {
    const writer = await t.clientWith(['User.ReadWrite.All']);
    const bad = await writer.send('PATCH', `/users/${demoPeople.nestor.id}`, { isAdmin: true });
    expect(bad.status).toBe(400);
    const denied = await reader.send('PATCH', `/users/${demoPeople.nestor.id}`, { accountEnabled: true });
    expect(denied.status).toBe(403);
  });

  it('revokes sign-in sessions with the boolean answer Graph gives', async () => {
    const revoker = await t.clientWith(['User.RevokeSessions.All']);
    const before = t.tenant.directory.users.find(
      (u) => u.id === demoPeople.isaiah.id,
    )?.signInSessionsValidFromDateTime;
    const reply = await revoker.send('POST', `/users/${demoPeople.isaiah.id}/revokeSignInSessions`, {});
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ value: true });
    expect(reply.body['@odata.context']).toMatch(/\$metadata#Edm\.Boolean$/);
    const after = t.tenant.directory.users.find(
      (u) => u.id === demoPeople.isaiah.id,
    )?.signInSessionsValidFromDateTime;
    expect(after).not.toBe(before);
  });

  it('lists authentication methods consistent with the registration report', async () => {
    const methods = await t.clientWith(['UserAuthenticationMethod.Read.All']);
    const lee = await methods.get(`/users/${demoPeople.lee.id}/authentication/methods`);
    expect((lee.body.value as Record<string, unknown>[]).map((m) => m['@odata.type']).sort()).toEqual([
      '#microsoft.graph.passwordAuthenticationMethod',
      '#microsoft.graph.phoneAuthenticationMethod',
    ]);
    const alex = await methods.get(`/users/${demoPeople.alex.id}/authentication/methods`);
    expect((alex.body.value as unknown[]).length).toBe(1);
  });
});
