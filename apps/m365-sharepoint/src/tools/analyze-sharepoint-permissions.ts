import { defineTool, findingSchema, readOnlyAnnotations, type ToolDefinition } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { SCORE_RULE } from '../analysis/classify-permission.js';
import { sharingFindings } from '../analysis/sharing-findings.js';
import { addSite, emptyTotals } from '../analysis/totals.js';
import type { Now } from '../clock.js';
import { pacerFor } from '../graph/pacer-for.js';
import { resolveSite } from '../graph/resolve-site.js';
import { auditSite } from '../graph/site-audit.js';
import { readTenantIdentity } from '../graph/tenant-identity.js';
import { readSettings } from '../settings.js';
import { countsLine, presentItem, presentTotals, sharedItemOutput, totalsOutput } from './support/present.js';

/** `now` is the server's clock: links and grants whose expiry has passed are counted apart, not as exposure. */
export const analyzeSharepointPermissions = (now: Now): ToolDefinition =>
  defineTool({
    name: 'analyze_sharepoint_permissions',
    title: 'Who can see this SharePoint site?',
    description:
      'For one site (site_url like https://contoso.sharepoint.com/sites/finance, or site_id): its libraries, owners, ' +
      'and every item shared beyond the site, grouped by link scope (anyone, organization, specific people, direct), ' +
      'with guests and outside domains, edit versus view, links without expiry, "Everyone" grants and a risk score ' +
      '(rule stated); links and grants whose expiry has passed are counted as expiredPermissions, not listed as shared. Cost: a few requests plus one permission read (5 SharePoint resource units) per shared item; ' +
      'items are found with one delta pass per library, not item by item.',
    input: {
      site_url: z
        .string()
        .max(2000)
        .optional()
        .describe('https://<tenant>.sharepoint.com/sites/<name> (or /teams/, /personal/, or the root)'),
      site_id: z
        .string()
        .max(400)
        .optional()
        .describe('Graph site id: {hostname},{siteCollectionId},{webId}'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(200)
        .default(25)
        .describe('Most items to list per scope (the counts cover all)'),
    },
    output: {
      site: z.object({
        id: z.string(),
        displayName: z.string(),
        webUrl: z.string(),
        isPersonalSite: z.boolean(),
      }),
      drives: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          driveType: z.string(),
          webUrl: z.string(),
          owner: z.string().optional(),
        }),
      ),
      owners: z.array(z.string()),
      riskScore: z.number(),
      scoreRule: z.string(),
      itemsByScope: z.object({
        anonymous: z.array(sharedItemOutput),
        organization: z.array(sharedItemOutput),
        users: z.array(sharedItemOutput),
        direct: z.array(sharedItemOutput),
      }),
      totals: z.object(totalsOutput),
      complete: z.boolean(),
      failures: z.array(
        z.object({ driveId: z.string().optional(), itemId: z.string().optional(), reason: z.string() }),
      ),
      findings: z.array(findingSchema),
    },
    annotations: readOnlyAnnotations,
    async handler(args, ctx) {
      const settings = readSettings(ctx.config.settings);
      const site = await resolveSite(ctx.graph, args, ctx.signal);
      const host = safeHost(site.webUrl) ?? (site.id.split(',')[0] as string);
      const tenant = await readTenantIdentity(ctx, host, settings.internalDomains);
      const audit = await auditSite(
        ctx.graph,
        site,
        tenant,
        now(),
        ctx.signal,
        pacerFor(ctx.graph, settings.resourceUnits),
        (done, total) => ctx.progress(done, total, `${done} of ${total} document libraries scanned`),
      );
      const totals = addSite(
        emptyTotals(),
        { id: site.id, name: site.displayName, webUrl: site.webUrl },
        audit.sharedItems,
        audit.expiredPermissions,
      );
      totals.itemsScanned = audit.itemsScanned;
      totals.drivesAudited = audit.drives.length;
      // Counts only: a log line carries no tenant data.
      ctx.log.info('site audited', {
        libraries: audit.drives.length,
        itemsScanned: audit.itemsScanned,
        sharedItems: audit.sharedItems.length,
        complete: audit.complete,
      });
      const riskScore = audit.sharedItems.reduce((n, i) => n + i.score, 0);
      // An item goes under the scope of its most exposing permission.
      const byScope = { anonymous: [], organization: [], users: [], direct: [] } as Record<
        'anonymous' | 'organization' | 'users' | 'direct',
        ReturnType<typeof presentItem>[]
      >;
      const order = ['anonymous', 'organization', 'users', 'direct'] as const;
      for (const item of audit.sharedItems) {
        const scope = order.find((s) => item.permissions.some((p) => p.scope === s)) ?? 'direct';
        if (byScope[scope].length < args.limit) byScope[scope].push(presentItem(item, ctx));
      }
      const name = ctx.tenantText(site.displayName, 200);
      const findings = sharingFindings(
        totals,
        { type: 'site', id: site.id, displayName: name },
        audit.complete,
      );
      const structured = {
        site: { ...site, displayName: name, webUrl: ctx.tenantText(site.webUrl, 400) },
        drives: audit.drives.map((d) => ({
          id: d.id,
          name: ctx.tenantText(d.name, 200),
          driveType: d.driveType,
          webUrl: ctx.tenantText(d.webUrl, 400),
          ...(d.owner ? { owner: ctx.tenantText(d.owner, 200) } : {}),
        })),
        owners: audit.owners.slice(0, 50).map((o) => ctx.tenantText(o, 200)),
        riskScore,
        scoreRule: SCORE_RULE,
        itemsByScope: byScope,
        totals: presentTotals(totals, ctx),
        complete: audit.complete,
        failures: audit.failures.slice(0, 20).map((f) => ({
          ...(f.driveId ? { driveId: f.driveId } : {}),
          ...(f.itemId ? { itemId: f.itemId } : {}),
          reason: ctx.tenantText(f.reason, 400),
        })),
        findings,
      };
      const worst = audit.sharedItems
        .slice(0, 3)
        .map((i) => `- ${ctx.tenantText(i.name, 80)} (score ${i.score})`);
      const summary = [
        `Site "${name}": risk score ${riskScore}; ${audit.drives.length} librar${audit.drives.length === 1 ? 'y' : 'ies'}; owners: ${structured.owners.slice(0, 5).join(', ') || 'unknown'}.`,
        countsLine(totals),
        ...(worst.length > 0 ? ['Riskiest items:', ...worst] : []),
        audit.complete ? '' : `PARTIAL: ${audit.failures.length} read(s) failed; see failures.`,
      ].filter((l) => l !== '');
      return { structured, summary: summary.join('\n') };
    },
  });

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
