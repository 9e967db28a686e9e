import {
  decodeCursor,
  defineTool,
  encodeCursor,
  findingSchema,
  readOnlyAnnotations,
  type ToolDefinition,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { SCORE_RULE } from '../analysis/classify-permission.js';
import { sharingFindings } from '../analysis/sharing-findings.js';
import type { Now } from '../clock.js';
import { pacerFor } from '../graph/pacer-for.js';
import { auditStateSchema, newAuditState, runTenantAudit } from '../graph/tenant-audit.js';
import { readTenantIdentity } from '../graph/tenant-identity.js';
import { readSettings } from '../settings.js';
import { includeOneDrivesInput } from './support/include-onedrives.js';
import { countsLine, presentTotals, totalsOutput } from './support/present.js';
import { tenantHost } from './support/tenant-host.js';

/** `now` is the server's clock: links and grants whose expiry has passed are counted apart, not as exposure. */
export const auditSharepointSites = (now: Now): ToolDefinition =>
  defineTool({
    name: 'audit_sharepoint_sites',
    longRunning: true,
    title: 'Tenant-wide SharePoint sharing audit',
    description:
      'Audits sharing across every site and every personal OneDrive (include_onedrives=false leaves OneDrives out): ' +
      'counts by link scope and site, the riskiest sites and items, outside domains, and findings. Links and grants ' +
      'whose expiry has passed are counted as expiredPermissions, not as exposure. Uses the fewest Graph requests: one delta ' +
      'pass per library with $select (the shared facet marks shared items), then permissions only for shared items, ' +
      '20 to a $batch. Bounded by max_sites, max_items and max_seconds per call (checked between groups of 20 sites); ' +
      'when a budget runs out it returns complete=false and a cursor: call again with the cursor to continue exactly ' +
      'where it stopped (the totals carry over). Sends progress notifications.',
    input: {
      include_onedrives: includeOneDrivesInput.describe(
        'Audit personal OneDrives too (default true, or the server setting includeOneDrives; ignored when resuming)',
      ),
      max_sites: z.number().int().min(1).max(100_000).default(500).describe('Sites to audit in this call'),
      max_items: z
        .number()
        .int()
        .min(1)
        .max(10_000_000)
        .default(200_000)
        .describe('Items to scan in this call'),
      max_seconds: z.number().int().min(1).max(3_600).default(45).describe('Time budget for this call'),
      cursor: z
        .string()
        .min(1)
        .max(65_536)
        .optional()
        .describe('From a previous call that returned complete=false'),
    },
    output: {
      complete: z.boolean(),
      includesOneDrives: z.boolean().describe('Whether personal OneDrives are part of this audit'),
      stoppedBy: z.enum(['maxSites', 'maxItems', 'maxSeconds']).optional(),
      cursor: z.string().optional(),
      thisCall: z.object({ sites: z.number().int(), items: z.number().int() }),
      ...totalsOutput,
      sitesWithErrors: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
      sitesWithErrorsCount: z.number().int(),
      scoreRule: z.string(),
      findings: z.array(findingSchema),
    },
    annotations: readOnlyAnnotations,
    async handler(args, ctx) {
      const settings = readSettings(ctx.config.settings);
      const start = args.cursor
        ? decodeCursor(args.cursor, auditStateSchema)
        : newAuditState(args.include_onedrives ?? settings.includeOneDrives);
      const pacer = pacerFor(ctx.graph, settings.resourceUnits);
      const tenant = await readTenantIdentity(ctx, await tenantHost(ctx, pacer), settings.internalDomains);
      const run = await runTenantAudit(
        ctx.graph,
        tenant,
        { maxSites: args.max_sites, maxItems: args.max_items, maxSeconds: args.max_seconds },
        start,
        {
          signal: ctx.signal,
          pacer,
          now,
          progress: (done, message) => ctx.progress(done, undefined, message),
        },
      );
      const t = run.state.totals;
      // Counts only: a log line carries no tenant data.
      ctx.log.info(run.done ? 'sharing audit finished' : `sharing audit stopped by ${run.stoppedBy}`, {
        sitesThisCall: run.sitesThisCall,
        itemsThisCall: run.itemsThisCall,
        sitesAudited: t.sitesAudited,
        sitesFailed: t.failedSiteCount,
        sharedItems: t.sharedItems,
      });
      const complete = run.done && t.failedSiteCount === 0;
      const findings = sharingFindings(
        t,
        { type: 'tenant', id: 'sharepoint', displayName: 'All sites' },
        complete,
      );
      const cursor = run.done ? undefined : encodeCursor(run.state);
      const structured = {
        complete,
        includesOneDrives: run.state.includeOneDrives,
        ...(run.stoppedBy ? { stoppedBy: run.stoppedBy } : {}),
        ...(cursor ? { cursor } : {}),
        thisCall: { sites: run.sitesThisCall, items: run.itemsThisCall },
        ...presentTotals(t, ctx),
        sitesWithErrors: t.failedSites.map((s) => ({
          ...s,
          name: ctx.tenantText(s.name, 120),
          reason: ctx.tenantText(s.reason, 400),
        })),
        sitesWithErrorsCount: t.failedSiteCount,
        scoreRule: SCORE_RULE,
        findings,
      };
      const top = structured.riskiestSites
        .slice(0, 3)
        .map((s) => `- ${s.name} (score ${s.score}, ${s.sharedItems} shared)`);
      const domains = Object.keys(structured.externalDomains).slice(0, 8).join(', ');
      const summary = [
        `Scope: every site${run.state.includeOneDrives ? ' and every OneDrive' : ' (OneDrives left out)'}.`,
        run.done
          ? `Audit finished${t.failedSiteCount > 0 ? ` with errors on ${t.failedSiteCount} site(s) (partial)` : ''}.`
          : `PARTIAL: stopped by ${run.stoppedBy} after ${run.sitesThisCall} site(s) this call; call again with the cursor to continue.`,
        ...structured.sitesWithErrors.slice(0, 2).map((s) => `Not read: ${s.name}: ${s.reason}`),
        countsLine(t),
        ...(domains ? [`Outside domains: ${domains}.`] : []),
        ...(top.length > 0 ? ['Riskiest sites:', ...top] : []),
      ];
      return { structured, summary: summary.join('\n') };
    },
  });
