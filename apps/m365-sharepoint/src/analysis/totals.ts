// The audit's running totals: small, serializable (they travel in the resume cursor) and bounded
// (top lists and domain counts are capped), so an audit of any size aggregates in constant space.
import { z } from 'zod';
import { domainOf } from './classify-permission.js';
import { type SharedItem, worstPermission } from './shared-item.js';

export const TOP_SITES = 10;
export const TOP_ITEMS = 10;
const MAX_DOMAINS = 40;
const MAX_FAILED = 20;
/** Room for Graph's message and its request-id, which a reader quotes to Microsoft support. */
const MAX_REASON = 400;

const scopeCountsSchema = z.object({
  anonymous: z.number().int().min(0),
  organization: z.number().int().min(0),
  users: z.number().int().min(0),
  direct: z.number().int().min(0),
});
export type ScopeCounts = z.infer<typeof scopeCountsSchema>;

export const topSiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  webUrl: z.string(),
  score: z.number(),
  sharedItems: z.number().int(),
  byScope: scopeCountsSchema,
});

export const topItemSchema = z.object({
  site: z.string(),
  driveId: z.string(),
  itemId: z.string(),
  name: z.string(),
  webUrl: z.string(),
  scope: z.string(),
  access: z.string(),
  expires: z.string().nullable(),
  external: z.boolean(),
  everyone: z.boolean(),
  descendants: z.number().int(),
  score: z.number(),
});

export const totalsSchema = z.object({
  sitesAudited: z.number().int().min(0),
  drivesAudited: z.number().int().min(0),
  itemsScanned: z.number().int().min(0),
  sharedItems: z.number().int().min(0),
  permissions: z.number().int().min(0),
  byScope: scopeCountsSchema,
  editPermissions: z.number().int().min(0),
  viewPermissions: z.number().int().min(0),
  linksWithoutExpiry: z.number().int().min(0),
  anonymousEdit: z.number().int().min(0),
  anonymousWithoutExpiry: z.number().int().min(0),
  organizationEdit: z.number().int().min(0),
  externalGrants: z.number().int().min(0),
  everyoneGrants: z.number().int().min(0),
  /** Links and grants whose expiry has passed: kept by SharePoint, counted here, never as exposure. */
  expiredPermissions: z.number().int().min(0).default(0),
  externalDomains: z.record(z.string(), z.number().int()),
  topSites: z.array(topSiteSchema).max(TOP_SITES),
  topItems: z.array(topItemSchema).max(TOP_ITEMS),
  failedSites: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })).max(MAX_FAILED),
  failedSiteCount: z.number().int().min(0),
});
export type AuditTotals = z.infer<typeof totalsSchema>;
export type TopSite = z.infer<typeof topSiteSchema>;
export type TopItem = z.infer<typeof topItemSchema>;

const zeroScopes = (): ScopeCounts => ({ anonymous: 0, organization: 0, users: 0, direct: 0 });

export function emptyTotals(): AuditTotals {
  return {
    sitesAudited: 0,
    drivesAudited: 0,
    itemsScanned: 0,
    sharedItems: 0,
    permissions: 0,
    byScope: zeroScopes(),
    editPermissions: 0,
    viewPermissions: 0,
    linksWithoutExpiry: 0,
    anonymousEdit: 0,
    anonymousWithoutExpiry: 0,
    organizationEdit: 0,
    externalGrants: 0,
    everyoneGrants: 0,
    expiredPermissions: 0,
    externalDomains: {},
    topSites: [],
    topItems: [],
    failedSites: [],
    failedSiteCount: 0,
  };
}

export interface SiteSummary {
  id: string;
  name: string;
  webUrl: string;
}

/**
 * Adds one site's shared items (their live permissions) and its count of expired ones to the totals
 * (mutates and returns them).
 */
export function addSite(
  totals: AuditTotals,
  site: SiteSummary,
  items: readonly SharedItem[],
  expiredPermissions = 0,
): AuditTotals {
  totals.sitesAudited += 1;
  totals.expiredPermissions += expiredPermissions;
  const siteScopes = zeroScopes();
  let siteScore = 0;
  for (const item of items) {
    totals.sharedItems += 1;
    siteScore += item.score;
    for (const p of item.permissions) {
      totals.permissions += 1;
      totals.byScope[p.scope] += 1;
      siteScopes[p.scope] += 1;
      if (p.access === 'view') totals.viewPermissions += 1;
      else totals.editPermissions += 1;
      if (p.isLink && p.expires === null) totals.linksWithoutExpiry += 1;
      if (p.scope === 'anonymous' && p.access !== 'view') totals.anonymousEdit += 1;
      if (p.scope === 'anonymous' && p.expires === null) totals.anonymousWithoutExpiry += 1;
      if (p.scope === 'organization' && p.access !== 'view') totals.organizationEdit += 1;
      if (p.everyone) totals.everyoneGrants += 1;
      if (p.external) totals.externalGrants += 1;
      for (const g of p.grantees) {
        const domain = g.external ? domainOf(g.email)?.slice(0, 100) : undefined;
        if (!domain) continue;
        const known = domain in totals.externalDomains;
        if (known || Object.keys(totals.externalDomains).length < MAX_DOMAINS)
          totals.externalDomains[domain] = (totals.externalDomains[domain] ?? 0) + 1;
      }
    }
    offerItem(totals, item);
  }
  if (items.length > 0) {
    totals.topSites.push({
      id: site.id.slice(0, 300),
      name: site.name.slice(0, 120),
      webUrl: site.webUrl.slice(0, 400),
      score: siteScore,
      sharedItems: items.length,
      byScope: siteScopes,
    });
    totals.topSites.sort((a, b) => b.score - a.score);
    totals.topSites.length = Math.min(totals.topSites.length, TOP_SITES);
  }
  return totals;
}

function offerItem(totals: AuditTotals, item: SharedItem): void {
  const worst = worstPermission(item);
  if (!worst) return;
  const last = totals.topItems.at(-1);
  if (totals.topItems.length >= TOP_ITEMS && last && last.score >= item.score) return;
  totals.topItems.push({
    site: item.siteName.slice(0, 120),
    driveId: item.driveId,
    itemId: item.itemId,
    name: item.name.slice(0, 200),
    webUrl: item.webUrl.slice(0, 400),
    scope: worst.scope,
    access: worst.access,
    expires: worst.expires,
    external: item.permissions.some((p) => p.external),
    everyone: item.permissions.some((p) => p.everyone),
    descendants: item.descendants,
    score: item.score,
  });
  totals.topItems.sort((a, b) => b.score - a.score);
  totals.topItems.length = Math.min(totals.topItems.length, TOP_ITEMS);
}

export function addFailedSite(totals: AuditTotals, site: SiteSummary, reason: string): void {
  totals.failedSiteCount += 1;
  if (totals.failedSites.length < MAX_FAILED)
    totals.failedSites.push({
      id: site.id.slice(0, 300),
      name: site.name.slice(0, 120),
      reason: reason.slice(0, MAX_REASON),
    });
}
