import { ForbiddenError } from '@m365-mcp/graph-core';
import { assessmentShape, defineTool, type Finding, type PostureStatus } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { tenantIdentityFor } from '../analysis/classify-permission.js';
import { evaluateSettings, sharingSettingsSchema } from '../analysis/settings-checks.js';
import { sharingFindings } from '../analysis/sharing-findings.js';
import { pacerFor } from '../graph/pacer-for.js';
import { newAuditState, runTenantAudit } from '../graph/tenant-audit.js';
import { readSettings } from '../settings.js';
import { READ_ONLY } from './annotations.js';
import { tenantHost } from './tenant-host.js';

export const ASSESSMENT_BUDGET = { maxSites: 50, maxItems: 50_000, maxSeconds: 20 };

export const STATUS_RULE =
  'critical when an anyone link allows editing or never expires; warning when a sharing setting fails its CIS/CISA ' +
  'check, or when external, everyone-style or organization-edit sharing is found, or when the bounded audit did not ' +
  'cover the whole tenant; ok otherwise; unknown when neither the settings nor the sites could be read.';

export const assessSharepointPosture = defineTool({
  name: 'assess_sharepoint_posture',
  title: 'SharePoint posture assessment',
  description:
    'The SharePoint and OneDrive assessment in one call: the tenant sharing settings plus a bounded sharing audit ' +
    `(at most ${ASSESSMENT_BUDGET.maxSites} sites, ${ASSESSMENT_BUDGET.maxSeconds} s), with a status and the rule ` +
    'that set it. Cheap; for the whole tenant use audit_sharepoint_sites.',
  assessment: true,
  input: {},
  output: {
    ...assessmentShape,
    auditCoverage: z.object({
      sitesAudited: z.number().int(),
      itemsScanned: z.number().int(),
      complete: z.boolean(),
    }),
  },
  annotations: READ_ONLY,
  async handler(_args, ctx) {
    const findings: Finding[] = [];
    let settingsRead = false;
    try {
      const s = await ctx.graph.get('/admin/sharepoint/settings', {
        schema: sharingSettingsSchema,
        signal: ctx.signal,
      });
      findings.push(...evaluateSettings(s, 'tenant').filter((f) => f.status !== 'manual'));
      settingsRead = true;
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      findings.push(skipped('sharepoint.settings', 'SharePoint tenant settings', error.message));
    }
    let auditRead = false;
    let coverage = { sitesAudited: 0, itemsScanned: 0, complete: false };
    let sharing = { critical: false, warning: false };
    try {
      const settings = readSettings(ctx.config.settings);
      const pacer = pacerFor(ctx.graph, settings.resourceUnits);
      const tenant = tenantIdentityFor(await tenantHost(ctx, pacer), settings.internalDomains);
      const run = await runTenantAudit(ctx.graph, tenant, ASSESSMENT_BUDGET, newAuditState(false), {
        signal: ctx.signal,
        pacer,
        progress: (done, message) => ctx.progress(done, undefined, message),
      });
      const t = run.state.totals;
      const complete = run.done && t.failedSiteCount === 0;
      coverage = { sitesAudited: t.sitesAudited, itemsScanned: t.itemsScanned, complete };
      findings.push(
        ...sharingFindings(t, { type: 'tenant', id: 'sharepoint', displayName: 'All sites' }, complete),
      );
      sharing = {
        critical: t.anonymousEdit > 0 || t.anonymousWithoutExpiry > 0,
        warning: t.externalGrants > 0 || t.everyoneGrants > 0 || t.organizationEdit > 0 || !complete,
      };
      auditRead = true;
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      findings.push(skipped('sharepoint.sharing', 'SharePoint sharing audit', error.message));
    }
    const settingsFail = findings.some((f) => f.id.startsWith('sharepoint.settings.') && f.status === 'fail');
    const status: PostureStatus =
      !settingsRead && !auditRead
        ? 'unknown'
        : sharing.critical
          ? 'critical'
          : settingsFail || sharing.warning
            ? 'warning'
            : 'ok';
    findings.sort((a, b) => rank(a) - rank(b));
    const nextActions = nextActionsFor(findings, coverage.complete);
    const failing = findings.filter((f) => f.status === 'fail');
    const summary = [
      `SharePoint posture: ${status}. ${failing.length} failing check(s); audit covered ${coverage.sitesAudited} site(s)${coverage.complete ? '' : ' (partial)'}.`,
      ...failing.slice(0, 6).map((f) => `- [${f.severity}] ${f.title}`),
      ...nextActions.slice(0, 2).map((a) => `Next: ${a}`),
    ];
    return {
      structured: { status, statusRule: STATUS_RULE, findings, nextActions, auditCoverage: coverage },
      summary: summary.join('\n'),
    };
  },
});

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
function rank(f: Finding): number {
  return (f.status === 'fail' ? 0 : 10) + SEVERITY_RANK[f.severity];
}

function skipped(id: string, what: string, reason: string): Finding {
  return {
    id,
    title: `${what}: not permitted`,
    severity: 'info',
    status: 'skipped',
    resource: { type: 'tenant', id: 'sharepoint' },
    evidence: {},
    recommendation:
      'Grant the permission `m365-sharepoint permissions` lists, then run the assessment again.',
    references: [],
    reason: reason.slice(0, 400),
  };
}

function nextActionsFor(findings: readonly Finding[], complete: boolean): string[] {
  const failing = new Set(findings.filter((f) => f.status === 'fail').map((f) => f.id));
  const out: string[] = [];
  if (
    failing.has('sharepoint.sharing.anonymous-edit') ||
    failing.has('sharepoint.sharing.anonymous-no-expiry')
  )
    out.push(
      'Remove or restrict the anyone links (audit_sharepoint_sites lists them; remove_sharing_link removes one).',
    );
  if (failing.has('sharepoint.settings.external-sharing'))
    out.push("Set SharePoint external sharing to 'New and existing guests' or stricter (CIS 7.2.3).");
  if (failing.has('sharepoint.sharing.external'))
    out.push('Review items shared with outside domains and guests.');
  if (failing.has('sharepoint.sharing.everyone')) out.push('Replace "Everyone" grants with specific groups.');
  if (!complete)
    out.push('Run audit_sharepoint_sites for the whole tenant (the assessment audits a bounded sample).');
  if (failing.has('sharepoint.settings.legacy-auth'))
    out.push('Turn off legacy authentication for SharePoint (CIS 7.2.1).');
  return out;
}
