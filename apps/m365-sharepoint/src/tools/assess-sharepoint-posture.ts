import {
  assessmentShape,
  defineTool,
  type Finding,
  readOnlyAnnotations,
  type ToolDefinition,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { postureStatus, STATUS_RULE } from '../analysis/posture-status.js';
import { evaluateSettings } from '../analysis/settings-checks.js';
import { sharingFindings } from '../analysis/sharing-findings.js';
import type { AuditTotals } from '../analysis/totals.js';
import type { Now } from '../clock.js';
import { pacerFor } from '../graph/pacer-for.js';
import { readSharingSettings } from '../graph/read-sharing-settings.js';
import { newAuditState, runTenantAudit } from '../graph/tenant-audit.js';
import { readTenantIdentity } from '../graph/tenant-identity.js';
import { readSettings } from '../settings.js';
import { areaFailure } from './support/area-failure.js';
import { includeOneDrivesInput } from './support/include-onedrives.js';
import { tenantHost } from './support/tenant-host.js';

export const ASSESSMENT_BUDGET = { maxSites: 50, maxItems: 50_000, maxSeconds: 20 };

const SETTINGS_AREA = { id: 'sharepoint.settings', what: 'SharePoint tenant settings' };
const SHARING_AREA = { id: 'sharepoint.sharing', what: 'SharePoint sharing audit' };

/** `now` is the server's clock: it judges link expiry and measures the audit's time budget. */
export const assessSharepointPosture = (now: Now): ToolDefinition =>
  defineTool({
    name: 'assess_sharepoint_posture',
    title: 'SharePoint posture assessment',
    description:
      'The SharePoint and OneDrive assessment in one call: the tenant sharing settings plus a bounded sharing audit ' +
      `of sites and OneDrives (at most ${ASSESSMENT_BUDGET.maxSites} sites, ${ASSESSMENT_BUDGET.maxSeconds} s; ` +
      'include_onedrives=false leaves OneDrives out), with a status and the rule that set it. An area Graph would ' +
      'not answer is reported as its own finding (skipped or error, with the request-id), never as a pass. Cheap; ' +
      'for the whole tenant use audit_sharepoint_sites.',
    assessment: true,
    input: {
      include_onedrives: includeOneDrivesInput.describe(
        'Audit personal OneDrives too (default true, or the server setting includeOneDrives)',
      ),
    },
    output: {
      ...assessmentShape,
      auditCoverage: z.object({
        sitesAudited: z.number().int(),
        itemsScanned: z.number().int(),
        complete: z.boolean(),
        includesOneDrives: z.boolean(),
      }),
    },
    annotations: readOnlyAnnotations,
    async handler(args, ctx) {
      const settings = readSettings(ctx.config.settings);
      const findings: Finding[] = [];
      try {
        const s = await readSharingSettings(ctx.graph, ctx.signal);
        findings.push(...evaluateSettings(s, 'tenant').filter((f) => f.status !== 'manual'));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        findings.push(areaFailure(SETTINGS_AREA, error, ctx));
      }
      const includesOneDrives = args.include_onedrives ?? settings.includeOneDrives;
      let coverage = { sitesAudited: 0, itemsScanned: 0, complete: false, includesOneDrives };
      let sharing: { totals: AuditTotals; complete: boolean } | undefined;
      try {
        const pacer = pacerFor(ctx.graph, settings.resourceUnits);
        const tenant = await readTenantIdentity(ctx, await tenantHost(ctx, pacer), settings.internalDomains);
        const run = await runTenantAudit(
          ctx.graph,
          tenant,
          ASSESSMENT_BUDGET,
          newAuditState(includesOneDrives),
          {
            signal: ctx.signal,
            pacer,
            now,
            progress: (done, message) => ctx.progress(done, undefined, message),
          },
        );
        const t = run.state.totals;
        const complete = run.done && t.failedSiteCount === 0;
        coverage = {
          sitesAudited: t.sitesAudited,
          itemsScanned: t.itemsScanned,
          complete,
          includesOneDrives,
        };
        findings.push(
          ...sharingFindings(t, { type: 'tenant', id: 'sharepoint', displayName: 'All sites' }, complete),
        );
        sharing = { totals: t, complete };
        // Counts only: a log line carries no tenant data.
        ctx.log.info('sharing area ran', {
          sitesAudited: t.sitesAudited,
          itemsScanned: t.itemsScanned,
          sitesFailed: t.failedSiteCount,
          complete,
        });
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        findings.push(areaFailure(SHARING_AREA, error, ctx));
      }
      const status = postureStatus(findings, sharing);
      findings.sort((a, b) => rank(a) - rank(b));
      const nextActions = nextActionsFor(findings, coverage.complete);
      const failing = findings.filter((f) => f.status === 'fail');
      const unreadable = findings.filter((f) => f.status === 'error' || f.status === 'skipped');
      const summary = [
        `SharePoint posture: ${status}. ${failing.length} failing check(s); audit covered ${coverage.sitesAudited} site(s)${includesOneDrives ? ' (OneDrives included)' : ' (OneDrives left out)'}${coverage.complete ? '' : ' (partial)'}.`,
        ...failing.slice(0, 6).map((f) => `- [${f.severity}] ${f.title}`),
        ...unreadable.slice(0, 3).map((f) => `- [${f.status}] ${f.title}: ${(f.reason ?? '').slice(0, 240)}`),
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
  if (findings.some((f) => f.status === 'error'))
    out.push(
      'Run the assessment again for what could not be read (error findings name the request and its Graph request-id).',
    );
  return out;
}
