import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant, demoPeople } from '../../../src/index.js';
import { setEntraIdLicence } from '../../../src/tenant/demo/directory/licences.js';
import { type DirectoryTestSim, errorCode, NOW, startDirectorySim } from './support.js';

type Item = Record<string, unknown>;
const RISK_READ = ['IdentityRiskyUser.Read.All', 'IdentityRiskEvent.Read.All'];

describe('directory routes: Identity Protection and reports (Entra ID P2 tenant)', () => {
  let t: DirectoryTestSim;

  beforeAll(async () => {
    t = await startDirectorySim();
  });
  afterAll(() => t.close());

  it('filters risky users by level and state, and lists recent detections', async () => {
    const risk = await t.clientWith(RISK_READ);
    const high = await risk.all(
      "/identityProtection/riskyUsers?$filter=riskLevel eq 'high' and riskState eq 'atRisk'",
    );
    expect(high.map((u) => u.id)).toEqual([demoPeople.isaiah.id]);
    const one = await risk.get(`/identityProtection/riskyUsers/${demoPeople.isaiah.id}`);
    expect(one.body).toMatchObject({
      userPrincipalName: demoPeople.isaiah.userPrincipalName,
      riskLevel: 'high',
    });
    const detections = await risk.get(
      `/identityProtection/riskDetections?$filter=userId eq '${demoPeople.isaiah.id}'`,
    );
    expect((detections.body.value as Item[]).length).toBeGreaterThanOrEqual(2);
    const bad = await risk.get(
      "/identityProtection/riskyUsers?$filter=startswith(userDisplayName,'I') or jobTitle eq 'x'",
    );
    expect(bad.status).toBe(400);
  });

  it('confirms compromise and dismisses risk (204), visible afterwards', async () => {
    const writer = await t.clientWith(['IdentityRiskyUser.ReadWrite.All']);
    const reader = await t.clientWith(RISK_READ);
    const confirm = await writer.send('POST', '/identityProtection/riskyUsers/confirmCompromised', {
      userIds: [demoPeople.adele.id],
    });
    expect(confirm.status).toBe(204);
    expect((await reader.get(`/identityProtection/riskyUsers/${demoPeople.adele.id}`)).body).toMatchObject({
      riskState: 'confirmedCompromised',
      riskLevel: 'high',
    });
    const dismiss = await writer.send('POST', '/identityProtection/riskyUsers/dismiss', {
      userIds: [demoPeople.adele.id],
    });
    expect(dismiss.status).toBe(204);
    expect((await reader.get(`/identityProtection/riskyUsers/${demoPeople.adele.id}`)).body).toMatchObject({
      riskState: 'dismissed',
      riskLevel: 'none',
    });
    expect(
      (await writer.send('POST', '/identityProtection/riskyUsers/dismiss', { userIds: ['not-a-guid'] }))
        .status,
    ).toBe(400);
    expect(
      (
        await reader.send('POST', '/identityProtection/riskyUsers/dismiss', {
          userIds: [demoPeople.adele.id],
        })
      ).status,
    ).toBe(403);
  });

  it('serves the registration report with only $filter and $orderby', async () => {
    const audit = await t.clientWith(['AuditLog.Read.All']);
    const admins = await audit.all(
      '/reports/authenticationMethods/userRegistrationDetails?$filter=isAdmin eq true and isMfaRegistered eq false',
    );
    expect(admins.map((r) => r.id)).toEqual([demoPeople.alex.id]);
    const smsOnly = await audit.all(
      "/reports/authenticationMethods/userRegistrationDetails?$filter=methodsRegistered/any(m:m eq 'mobilePhone')&$orderby=userPrincipalName",
    );
    expect(smsOnly.map((r) => r.id)).toContain(demoPeople.lee.id);
    const selected = await audit.get('/reports/authenticationMethods/userRegistrationDetails?$select=id');
    expect(selected.status).toBe(400);
  });

  it('serves directory audits and sign-ins, newest first', async () => {
    const audit = await t.clientWith(['AuditLog.Read.All']);
    const audits = await audit.all("/auditLogs/directoryAudits?$filter=category eq 'Policy'");
    expect(audits.length).toBeGreaterThanOrEqual(3);
    const signIns = await audit.all("/auditLogs/signIns?$filter=clientAppUsed eq 'Exchange ActiveSync'");
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ userId: demoPeople.alex.id, conditionalAccessStatus: 'notApplied' });
  });
});

describe('directory routes: licence gating (Entra ID P1, no P2)', () => {
  let t: DirectoryTestSim;

  beforeAll(async () => {
    const tenant = createDemoTenant({ now: NOW });
    setEntraIdLicence(tenant.directory, 'P1');
    t = await startDirectorySim(tenant);
  });
  afterAll(() => t.close());

  it('answers Identity Protection with 403 and a licence message', async () => {
    const risk = await t.clientWith(RISK_READ);
    const reply = await risk.get('/identityProtection/riskyUsers');
    expect(reply.status).toBe(403);
    expect((reply.body.error as { message: string }).message).toMatch(/P2/);
    expect((await risk.get('/identityProtection/riskDetections')).status).toBe(403);
  });

  it('answers PIM schedules with the licence error but still serves role assignments and P1 reports', async () => {
    const client = await t.clientWith([
      'RoleManagement.Read.Directory',
      'AuditLog.Read.All',
      'User.Read.All',
    ]);
    const pim = await client.get('/roleManagement/directory/roleEligibilityScheduleInstances');
    expect(errorCode(pim)).toBe('AadPremiumLicenseRequired');
    expect((await client.get('/roleManagement/directory/roleAssignments')).status).toBe(200);
    expect((await client.get('/reports/authenticationMethods/userRegistrationDetails')).status).toBe(200);
    expect((await client.get('/users?$select=id,signInActivity')).status).toBe(200);
  });
});

describe('directory routes: licence gating (no Entra ID premium)', () => {
  let t: DirectoryTestSim;

  beforeAll(async () => {
    const tenant = createDemoTenant({ now: NOW });
    setEntraIdLicence(tenant.directory, 'free');
    t = await startDirectorySim(tenant);
  });
  afterAll(() => t.close());

  it('refuses sign-in data without premium, as Graph does', async () => {
    const client = await t.clientWith(['AuditLog.Read.All', 'User.Read.All']);
    const signIns = await client.get('/auditLogs/signIns');
    expect(signIns.status).toBe(403);
    expect(errorCode(signIns)).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    expect((await client.get('/users?$select=id,signInActivity')).status).toBe(403);
    expect((await client.get('/users?$select=id,accountEnabled')).status).toBe(200);
  });
});
