// Faults from the simulator's schedule: 429 storms (with and without Retry-After), 503, dropped
// connections and malformed bodies give correct results after bounded retries; a failure that
// outlasts the retries is a clear error (or, in the assessment, an area marked as not run).
import { demoAppIds, demoPeople } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { identityServer } from '../src/index.js';
import { callTool, findingsOf, problems } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(identityServer);
}, 60_000);
afterAll(() => t.close());
beforeEach(() => {
  t.sim.faults.clear();
  t.sim.requests.clear();
});

function statuses(path: string): number[] {
  return t.sim.requests
    .all()
    .filter((r) => r.path === path)
    .map((r) => r.status);
}

describe('faults', () => {
  it('a 429 storm on /users (Retry-After 0) still gives the full stale-account answer', async () => {
    t.sim.faults.add({
      match: { method: 'GET', path: '/users' },
      times: 3,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const result = await callTool(t.client, 'find_stale_accounts');
    expect(result.isError).toBeFalsy();
    expect(result.structured.total).toBe(4);
    expect(statuses('/users')).toEqual([429, 429, 429, 200]);
  });

  it('a 429 without Retry-After on risky users is backed off and retried', async () => {
    t.sim.faults.add({
      match: { method: 'GET', path: '/identityProtection/riskyUsers' },
      fault: { kind: 'status', status: 429, retryAfter: null },
    });
    const result = await callTool(t.client, 'analyze_risky_users');
    expect(result.isError).toBeFalsy();
    expect((result.structured.users as { id: string }[])[0]?.id).toBe(demoPeople.isaiah.id);
    expect(statuses('/identityProtection/riskyUsers')).toEqual([429, 200]);
  }, 30_000);

  it('a 503, a dropped connection and a malformed body are retried to the right answer', async () => {
    t.sim.faults.add({
      match: { path: '/applications' },
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    t.sim.faults.add({
      match: { path: '/reports/authenticationMethods/userRegistrationDetails' },
      fault: { kind: 'drop' },
    });
    t.sim.faults.add({
      match: { path: '/identity/conditionalAccess/policies' },
      fault: { kind: 'malformed' },
    });
    const apps = await callTool(t.client, 'audit_app_credentials');
    expect(problems(apps, 'identity.apps.high_risk_permission')[0]?.resource.id).toBe(
      demoAppIds.reporting.id,
    );
    const mfa = await callTool(t.client, 'get_mfa_coverage');
    expect((mfa.structured.adminsWithoutMfa as { id: string }[]).map((u) => u.id)).toEqual([
      demoPeople.alex.id,
    ]);
    const ca = await callTool(t.client, 'review_conditional_access');
    expect(problems(ca, 'identity.ca.legacy_auth_blocked')).toHaveLength(1);
    expect(statuses('/applications')).toEqual([503, 200]);
    expect(statuses('/reports/authenticationMethods/userRegistrationDetails')).toEqual([0, 200]);
  }, 30_000);

  it('a failure that outlasts the retries: the tool says what failed; the assessment marks the area and goes on', async () => {
    t.sim.faults.add({
      match: { path: '/applications' },
      times: 1000,
      fault: { kind: 'status', status: 500 },
    });
    const apps = await callTool(t.client, 'audit_app_credentials');
    expect(apps.isError).toBe(true);
    expect(apps.text).toMatch(/GET \/applications/);
    const assessment = await callTool(t.client, 'assess_identity_posture', {});
    expect(assessment.isError).toBeFalsy();
    expect(findingsOf(assessment).filter((f) => f.id.startsWith('identity.apps'))).toEqual([
      expect.objectContaining({ id: 'identity.apps.unavailable', status: 'error' }),
    ]);
    // What failed, in Graph's words, with the request-id to give Microsoft support.
    const unavailable = findingsOf(assessment).find((f) => f.id === 'identity.apps.unavailable') as {
      reason?: string;
    };
    expect(unavailable.reason).toMatch(
      /^Could not run: GET \/applications failed with 500 \w+.*\(request-id [0-9a-f-]{36}\)$/,
    );
    expect(
      (assessment.structured.areas as { area: string; ran: boolean }[]).find((a) => a.area === 'apps')?.ran,
    ).toBe(false);
    expect(assessment.structured.status).toBe('critical');
    // Bounded: a handful of attempts per call, not a retry loop.
    expect(statuses('/applications').length).toBeLessThanOrEqual(16);
  }, 60_000);

  it("beta's role definitions failing: the privileged flag falls back to v1.0 and the built-in list; the area still runs", async () => {
    t.sim.faults.add({
      match: { path: '/roleManagement/directory/roleDefinitions', version: 'beta' },
      times: 50,
      fault: { kind: 'status', status: 500 },
    });
    const result = await callTool(t.client, 'list_privileged_access', { limit: 50 });
    expect(result.isError).toBeFalsy();
    expect((result.structured.counts as Record<string, number>).globalAdmins).toBe(5);
    const reads = t.sim.requests
      .all()
      .filter((r) => r.path === '/roleManagement/directory/roleDefinitions')
      .map((r) => `${r.version} ${r.status}`);
    expect(reads).toEqual(['beta 500', 'v1.0 200']);
  });
});
