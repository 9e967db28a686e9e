// Scenario tests both ways: each planted misconfiguration is found on the demo tenant (tools.test.ts)
// and, here, the same tenant with it fixed gives no such finding; the fully fixed tenant is OK.
import type { Tenant } from '@m365-mcp/graph-sim';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { describe, expect, it } from 'vitest';
import { identityServer } from '../src/index.js';
import {
  breakGlass,
  fixApps,
  fixConditionalAccess,
  fixedTenant,
  fixMfa,
  fixPrivilegedAccess,
  fixRisk,
  fixStaleAccounts,
  tenantWith,
} from './fixed-tenant.js';
import { callTool, findingsOf, type ToolCallOutcome } from './support.js';

async function run(
  tenant: Tenant,
  tool: string,
  args: Record<string, unknown> = {},
): Promise<ToolCallOutcome> {
  const t = await startTestServer(identityServer, { tenant, config: { breakGlassAccounts: breakGlass } });
  try {
    const result = await callTool(t.client, tool, args);
    expect(result.isError).toBeFalsy();
    return result;
  } finally {
    await t.close();
  }
}

function problemIds(result: ToolCallOutcome): string[] {
  return findingsOf(result)
    .filter((f) => f.status === 'fail' || f.status === 'warning')
    .map((f) => f.id);
}

describe('the demo tenant with its misconfigurations fixed', () => {
  it('no user at risk: no risk findings, and the passes say so', async () => {
    const result = await run(tenantWith(fixRisk), 'analyze_risky_users');
    expect(problemIds(result)).toEqual([]);
    expect(result.structured.users).toEqual([]);
    expect(findingsOf(result).map((f) => f.status)).toEqual(['pass', 'pass']);
  });

  it('every admin with strong MFA: no MFA findings', async () => {
    const result = await run(tenantWith(fixMfa), 'get_mfa_coverage');
    expect(problemIds(result)).toEqual([]);
    expect(result.structured.adminsWithoutMfa).toEqual([]);
  });

  it('conditional access completed: no gaps, no report-only, no broad exclusion', async () => {
    const result = await run(tenantWith(fixConditionalAccess), 'review_conditional_access');
    expect(problemIds(result)).toEqual([]);
    expect(
      findingsOf(result).find((f) => f.id === 'identity.ca.legacy_auth_blocked')?.evidence.enforcedBy,
    ).toEqual(['Block legacy authentication [enabled]']);
  });

  it('no conditional access at all: Security Defaults decide (on passes, off is critical)', async () => {
    const withDefaults = tenantWith((t) => {
      t.directory.conditionalAccessPolicies = [];
      t.directory.policies.identitySecurityDefaultsEnforcementPolicy.isEnabled = true;
    });
    const on = await run(withDefaults, 'review_conditional_access');
    expect(problemIds(on)).toEqual([]);
    expect(findingsOf(on).find((f) => f.id === 'identity.ca.baseline_protection')?.status).toBe('pass');
    const off = await run(
      tenantWith((t) => {
        t.directory.conditionalAccessPolicies = [];
      }),
      'review_conditional_access',
    );
    expect(findingsOf(off).find((f) => f.id === 'identity.ca.baseline_protection')).toMatchObject({
      status: 'fail',
      severity: 'critical',
    });
  });

  it('a break-glass account missing from a policy’s exclusions is found', async () => {
    const result = await run(
      tenantWith((t) => {
        const policy = t.directory.conditionalAccessPolicies[0] as unknown as {
          conditions: { users: { excludeUsers: string[] } };
        };
        policy.conditions.users.excludeUsers = [breakGlass[0] as string];
      }),
      'review_conditional_access',
    );
    const finding = findingsOf(result).find((f) => f.id === 'identity.ca.break_glass_excluded');
    expect(finding?.status).toBe('fail');
    expect(JSON.stringify(finding?.evidence)).toContain(`${breakGlass[1]} not excluded from CA001`);
  });

  it('privileged access cleaned up: 2-4 GAs, no guest or synced admin, no standing access', async () => {
    const result = await run(tenantWith(fixPrivilegedAccess), 'list_privileged_access');
    expect(problemIds(result)).toEqual([]);
    expect((result.structured.counts as { globalAdmins: number }).globalAdmins).toBe(3);
  });

  it('accounts in use and licences reclaimed: no stale accounts', async () => {
    const result = await run(tenantWith(fixStaleAccounts), 'find_stale_accounts');
    expect(problemIds(result)).toEqual([]);
    expect(result.structured.total).toBe(0);
  });

  it('apps rotated and least-privileged: no app findings', async () => {
    const result = await run(tenantWith(fixApps), 'audit_app_credentials');
    expect(problemIds(result)).toEqual([]);
    expect(result.structured.apps).toEqual([]);
  });

  it('everything fixed: the assessment is OK with no problems', async () => {
    const result = await run(fixedTenant(), 'assess_identity_posture');
    expect(problemIds(result)).toEqual([]);
    expect(result.structured.status).toBe('ok');
    expect(result.structured.nextActions).toEqual([]);
  });
});
