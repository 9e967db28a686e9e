// The tenant-wide sharing audit as a resumable loop: sites a page at a time (getAllSites), then in
// groups of up to 20 sites: their libraries in one $batch, each library's delta, and the
// permissions of the shared items only. Budgets are checked between groups, so a group is either
// wholly in the totals or not at all, and the cursor (the site page and the offset in it, plus the
// running totals) resumes exactly after the last group done: nothing lost, nothing repeated.
import type { GraphClient } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { TenantIdentity } from '../analysis/classify-permission.js';
import { type AuditTotals, addFailedSite, addSite, emptyTotals, totalsSchema } from '../analysis/totals.js';
import { auditDrives } from './audit-drives.js';
import { readDrivesOfSites } from './read-drives.js';
import { NO_PACING, type Pacer } from './ru-pacer.js';
import { SITE_SELECT, type SiteRef, siteRef, siteSchema } from './shapes.js';

export const auditStateSchema = z.object({
  /** The getAllSites page being worked through; null for the first page. */
  sitesLink: z.string().max(4000).nullable(),
  /** Sites of that page already done. */
  offset: z.number().int().min(0),
  includeOneDrives: z.boolean(),
  totals: totalsSchema,
});
export type AuditState = z.infer<typeof auditStateSchema>;

export interface AuditBudget {
  /** Sites to audit in this call. */
  maxSites: number;
  /** Items to scan in this call (checked between groups of sites). */
  maxItems: number;
  /** Wall time for this call, in seconds (checked between groups of sites). */
  maxSeconds: number;
}

export type StopReason = 'maxSites' | 'maxItems' | 'maxSeconds';

export interface AuditRun {
  state: AuditState;
  done: boolean;
  stoppedBy?: StopReason;
  /** Sites and items covered by this call (the totals cover every call so far). */
  sitesThisCall: number;
  itemsThisCall: number;
}

export interface AuditHooks {
  signal?: AbortSignal;
  pacer?: Pacer;
  progress?: (done: number, message: string) => Promise<void>;
  /** The server's clock: budgets are measured with it, and expiries judged at the call's start. */
  now?: () => number;
}

export const SITES_PER_GROUP = 20;

export function newAuditState(includeOneDrives: boolean): AuditState {
  return { sitesLink: null, offset: 0, includeOneDrives, totals: emptyTotals() };
}

async function readSitePage(
  graph: GraphClient,
  link: string | null,
  signal: AbortSignal | undefined,
  pacer: Pacer,
): Promise<{ sites: SiteRef[]; nextLink?: string }> {
  await pacer.acquire(2, signal);
  const pages = graph.pages(link ?? '/sites/getAllSites', {
    ...(link === null ? { query: { $select: SITE_SELECT } } : {}),
    schema: siteSchema,
    maxPages: 1,
    ...(signal ? { signal } : {}),
  });
  const first = await pages.next();
  if (first.done) return { sites: [] };
  return {
    sites: first.value.items.map(siteRef),
    ...(first.value.nextLink ? { nextLink: first.value.nextLink } : {}),
  };
}

export async function runTenantAudit(
  graph: GraphClient,
  tenant: TenantIdentity,
  budget: AuditBudget,
  start: AuditState,
  hooks: AuditHooks = {},
): Promise<AuditRun> {
  const now = hooks.now ?? Date.now;
  const began = now();
  const state: AuditState = structuredClone(start);
  let sitesThisCall = 0;
  let itemsThisCall = 0;
  const stop = (): StopReason | undefined => {
    if (sitesThisCall >= budget.maxSites) return 'maxSites';
    if (itemsThisCall >= budget.maxItems) return 'maxItems';
    if ((now() - began) / 1000 >= budget.maxSeconds) return 'maxSeconds';
    return undefined;
  };

  for (;;) {
    const pacer = hooks.pacer ?? NO_PACING;
    const page = await readSitePage(graph, state.sitesLink, hooks.signal, pacer);
    while (state.offset < page.sites.length) {
      const stoppedBy = stop();
      if (stoppedBy) return { state, done: false, stoppedBy, sitesThisCall, itemsThisCall };
      // A group: the next sites of the page, up to 20 eligible ones and the remaining site budget.
      const room = Math.min(SITES_PER_GROUP, budget.maxSites - sitesThisCall);
      const group: SiteRef[] = [];
      let end = state.offset;
      while (end < page.sites.length && group.length < room) {
        const site = page.sites[end] as SiteRef;
        if (state.includeOneDrives || !site.isPersonalSite) group.push(site);
        end += 1;
      }
      itemsThisCall += await auditGroup(graph, tenant, began, group, state.totals, hooks.signal, pacer);
      sitesThisCall += group.length;
      state.offset = end;
      await hooks.progress?.(
        state.totals.sitesAudited + state.totals.failedSiteCount,
        `${state.totals.sitesAudited} sites, ${state.totals.itemsScanned} items scanned, ${state.totals.sharedItems} shared`,
      );
    }
    if (!page.nextLink) return { state, done: true, sitesThisCall, itemsThisCall };
    state.sitesLink = page.nextLink;
    state.offset = 0;
  }
}

/** Audits one group of sites into the totals; returns the number of items scanned. */
async function auditGroup(
  graph: GraphClient,
  tenant: TenantIdentity,
  now: number,
  group: readonly SiteRef[],
  totals: AuditTotals,
  signal: AbortSignal | undefined,
  pacer: Pacer,
): Promise<number> {
  if (group.length === 0) return 0;
  const drivesBySite = await readDrivesOfSites(graph, group, signal, pacer);
  const sites = new Map(group.map((s) => [s.id, s]));
  const drives = group.flatMap((s) => {
    const d = drivesBySite.get(s.id);
    return d?.ok ? d.drives : [];
  });
  const audit = await auditDrives(graph, drives, sites, tenant, now, signal, pacer);
  totals.drivesAudited += audit.drivesAudited;
  totals.itemsScanned += audit.itemsScanned;
  for (const site of group) {
    const summary = { id: site.id, name: site.displayName, webUrl: site.webUrl };
    const drivesOfSite = drivesBySite.get(site.id);
    if (!drivesOfSite?.ok) {
      addFailedSite(totals, summary, `libraries not readable: ${drivesOfSite?.reason ?? 'no answer'}`);
      continue;
    }
    addSite(
      totals,
      summary,
      audit.sharedItems.filter((i) => i.siteId === site.id),
      audit.expiredBySite.get(site.id) ?? 0,
    );
    if (audit.partialSites.has(site.id)) {
      const failure = audit.failures.find((f) => f.siteId === site.id);
      addFailedSite(totals, summary, `partial: ${failure?.reason ?? 'some reads failed'}`);
    }
  }
  return audit.itemsScanned;
}
