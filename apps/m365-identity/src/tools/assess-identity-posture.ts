import { ForbiddenError, GraphError } from '@m365-mcp/graph-core';
import {
  assessmentShape,
  defineTool,
  type Finding,
  readOnlyAnnotations,
  type ToolContext,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { appFindings, auditApps } from '../analysis/app-credentials.js';
import { reviewConditionalAccess } from '../analysis/conditional-access.js';
import { tenantResource } from '../analysis/findings.js';
import { mfaCoverage, mfaFindings } from '../analysis/mfa-coverage.js';
import { postureStatus, statusRule } from '../analysis/posture-status.js';
import { privilegedAccessFindings, summarisePrivilegedAccess } from '../analysis/privileged-access.js';
import { riskFindings, riskyUserViews } from '../analysis/risky-users.js';
import { findStaleAccounts, staleFindings } from '../analysis/stale-accounts.js';
import { readApplications } from '../graph/read-applications.js';
import {
  readConditionalAccessPolicies,
  readRegistrationDetails,
  readSecurityDefaultsEnabled,
  readUsersWithSignIn,
} from '../graph/read-directory.js';
import { readExcludedGroupMembers } from '../graph/read-group-members.js';
import { readRiskyUsers } from '../graph/read-identity-protection.js';
import { readPrivilegedAccess } from '../graph/read-privileged-access.js';
import { breakGlassIds, disabledUserIds, isProblem, sortFindings, truncate } from './support/shared.js';

const areas = [
  'riskyUsers',
  'mfa',
  'conditionalAccess',
  'privilegedAccess',
  'staleAccounts',
  'apps',
] as const;
type Area = (typeof areas)[number];

/** A check that could not run becomes a skipped (not permitted, not licensed) or error finding. */
function unavailable(area: Area, error: unknown): Finding {
  const licence =
    error instanceof GraphError &&
    /premium|licen[cs]e|AadPremiumLicenseRequired|Authentication_RequestFromNonPremiumTenant/i.test(
      `${error.code} ${error.message}`,
    );
  const permission = error instanceof ForbiddenError && !licence;
  const reason = permission
    ? `Not permitted: ${error.requiredPermissions.length ? `grant ${error.requiredPermissions.join(' or ')}` : error.message}`
    : licence
      ? 'Not licensed: this check needs Microsoft Entra ID P1/P2.'
      : `Could not run: ${error instanceof GraphError ? error.summary : error instanceof Error ? error.message : String(error)}`;
  return {
    id: `identity.${area}.unavailable`,
    title: `${area} check did not run`,
    severity: 'info',
    status: permission || licence ? 'skipped' : 'error',
    resource: tenantResource,
    evidence: { area },
    recommendation: permission
      ? 'Grant the permission named (see `m365-identity permissions`) and run again.'
      : licence
        ? 'Nothing to fix here if the tenant has no Entra ID P1/P2; otherwise check the licence.'
        : 'Run again; if it persists, run the area’s own tool to see the error.',
    references: [],
    reason,
  };
}

async function settle(
  area: Area,
  run: () => Promise<Finding[]>,
): Promise<{ area: Area; findings: Finding[]; ok: boolean }> {
  try {
    return { area, findings: await run(), ok: true };
  } catch (error) {
    return { area, findings: [unavailable(area, error)], ok: false };
  }
}

function firstSentence(text: string): string {
  const end = text.search(/[.;](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

function nextActions(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  const actions: string[] = [];
  for (const f of findings.filter(isProblem)) {
    if (seen.has(f.id) || actions.length >= 6) continue;
    seen.add(f.id);
    actions.push(`${f.title}: ${firstSentence(f.recommendation)}`);
  }
  return actions;
}

async function runChecks(ctx: ToolContext) {
  const text = ctx.tenantText;
  const now = new Date();
  const breakGlass = await breakGlassIds(ctx);
  const bg = new Set(breakGlass);
  const access = readPrivilegedAccess(ctx.graph, ctx.signal);
  // Not awaited yet: a rejected promise is handled by whichever check awaits it.
  access.catch(() => undefined);
  // Shared by the MFA and risk areas; it never rejects (unreadable = every account counts as enabled).
  const disabled = disabledUserIds(ctx);
  // Progress as each area settles, in whatever order they finish.
  let settled = 0;
  const reported = (check: ReturnType<typeof settle>) =>
    check.then(async (result) => {
      settled += 1;
      await ctx.progress(settled, areas.length, `${result.area} ${result.ok ? 'checked' : 'could not run'}`);
      return result;
    });
  return Promise.all([
    reported(
      settle('privilegedAccess', async () => {
        const data = await access;
        const summary = summarisePrivilegedAccess(text, data.holdings, bg);
        return privilegedAccessFindings(text, data.holdings, summary, bg);
      }),
    ),
    reported(
      settle('riskyUsers', async () => {
        const risky = await readRiskyUsers(ctx.graph, {
          states: ['atRisk', 'confirmedCompromised'],
          signal: ctx.signal,
        });
        // Without the role data (its own area reports why) risky users are still reported, unranked.
        const holdings = await access.then(
          (data) => data.holdings,
          () => [],
        );
        const summary = summarisePrivilegedAccess(text, holdings, bg);
        const { ids } = await disabled;
        return riskFindings(text, riskyUserViews(text, risky.items, [], summary.privilegedRolesByUser, ids));
      }),
    ),
    reported(
      settle('conditionalAccess', async () => {
        const policies = await readConditionalAccessPolicies(ctx.graph, ctx.signal);
        const defaults = await readSecurityDefaultsEnabled(ctx.graph, ctx.signal).catch(() => null);
        const excludedGroupMembers = await readExcludedGroupMembers(ctx.graph, policies.items, ctx.signal);
        return reviewConditionalAccess(text, policies.items, defaults, {
          configured: breakGlass,
          excludedGroupMembers,
        }).findings;
      }),
    ),
    reported(
      settle('mfa', async () => {
        const rows = await readRegistrationDetails(ctx.graph, ctx.signal);
        return mfaFindings(text, mfaCoverage(text, rows.items, (await disabled).ids));
      }),
    ),
    reported(
      settle('staleAccounts', async () => {
        const users = await readUsersWithSignIn(ctx.graph, ctx.signal);
        const options = { now, days: 90, guestDays: 90 };
        return staleFindings(findStaleAccounts(text, users.items, options), options);
      }),
    ),
    reported(
      settle('apps', async () => {
        const data = await readApplications(ctx.graph, ctx.signal);
        const options = { now, expiringWithinDays: 30, maxSecretLifetimeDays: 365 };
        return appFindings(auditApps(text, data, options), options);
      }),
    ),
  ]);
}

export const assessIdentityPosture = defineTool({
  name: 'assess_identity_posture',
  title: 'Assess identity posture',
  description:
    'One-call identity posture: risky users (privileged first), MFA registration (admins without MFA or with SMS/voice only), conditional access gaps, privileged access (Global Administrator count, guests, synced and standing admins), stale accounts (90 days) and app credentials/permissions, with an overall status and the rule that set it. Use it first for "how is our identity security?", then drill in with the area tools. Cost: one read per resource (about 15 requests; Identity Protection and conditional access are paced at about one a second). A check that is not permitted or not licensed is reported as skipped, never as pass or fail.',
  input: {},
  output: {
    ...assessmentShape,
    areas: z.array(z.object({ area: z.enum(areas), ran: z.boolean(), problems: z.number().int() })),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  assessment: true,
  async handler(_args, ctx) {
    const results = await runChecks(ctx);
    // Area names and counts only: a log line carries no tenant data.
    ctx.log.info('identity areas ran', {
      checked: results.filter((r) => r.ok).map((r) => r.area),
      couldNotRun: results.filter((r) => !r.ok).map((r) => r.area),
    });
    const findings = sortFindings(results.flatMap((r) => r.findings));
    const status = postureStatus(findings);
    const problems = findings.filter(isProblem);
    const actions = nextActions(findings);
    const lines = [
      `Identity posture: ${status.toUpperCase()} (${problems.length} problem(s); ${findings.filter((f) => f.status === 'pass').length} checks passed; ${results.filter((r) => !r.ok).length} area(s) could not run).`,
      ...problems.slice(0, 7).map((f) => `- [${f.severity}] ${f.title}`),
      ...(problems.length > 7 ? [`- ...and ${problems.length - 7} more`] : []),
    ];
    return {
      structured: {
        status,
        statusRule,
        findings,
        nextActions: actions,
        areas: results.map((r) => ({
          area: r.area,
          ran: r.ok,
          problems: r.findings.filter(isProblem).length,
        })),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});
