// How shared items and totals leave the server: tenant strings through ctx.tenantText, bounded.
import type { ToolContext } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import type { SharedItem } from '../../analysis/shared-item.js';
import { type AuditTotals, topItemSchema, topSiteSchema } from '../../analysis/totals.js';

export const permissionOutput = z.object({
  id: z.string(),
  scope: z.enum(['anonymous', 'organization', 'users', 'direct']),
  access: z.enum(['owner', 'edit', 'view']),
  expires: z.string().nullable(),
  hasPassword: z.boolean(),
  everyone: z.boolean(),
  external: z.boolean(),
  grantees: z.array(
    z.object({ displayName: z.string(), email: z.string().optional(), external: z.boolean() }),
  ),
  score: z.number(),
});

export const sharedItemOutput = z.object({
  driveId: z.string(),
  itemId: z.string(),
  name: z.string(),
  webUrl: z.string(),
  isFolder: z.boolean(),
  descendants: z.number().int(),
  score: z.number(),
  permissions: z.array(permissionOutput),
});
export type SharedItemOutput = z.infer<typeof sharedItemOutput>;

export function presentItem(item: SharedItem, ctx: ToolContext): SharedItemOutput {
  return {
    driveId: item.driveId,
    itemId: item.itemId,
    name: ctx.tenantText(item.name, 200),
    webUrl: ctx.tenantText(item.webUrl, 400),
    isFolder: item.isFolder,
    descendants: item.descendants,
    score: item.score,
    permissions: item.permissions.slice(0, 20).map((p) => ({
      id: p.id,
      scope: p.scope,
      access: p.access,
      expires: p.expires,
      hasPassword: p.hasPassword,
      everyone: p.everyone,
      external: p.external,
      grantees: p.grantees.slice(0, 20).map((g) => ({
        displayName: ctx.tenantText(g.displayName, 200),
        ...(g.email ? { email: ctx.tenantText(g.email, 254) } : {}),
        external: g.external,
      })),
      score: p.score,
    })),
  };
}

export const totalsOutput = {
  sitesAudited: z.number().int(),
  drivesAudited: z.number().int(),
  itemsScanned: z.number().int(),
  sharedItems: z.number().int(),
  permissions: z.number().int(),
  byScope: z.object({
    anonymous: z.number().int(),
    organization: z.number().int(),
    users: z.number().int(),
    direct: z.number().int(),
  }),
  editPermissions: z.number().int(),
  viewPermissions: z.number().int(),
  linksWithoutExpiry: z.number().int(),
  anonymousEdit: z.number().int(),
  externalGrants: z.number().int(),
  everyoneGrants: z.number().int(),
  expiredPermissions: z
    .number()
    .int()
    .describe(
      'Links and grants whose expiry has passed: SharePoint still lists them, but they expose nothing',
    ),
  externalDomains: z.record(z.string(), z.number().int()),
  riskiestSites: z.array(topSiteSchema),
  riskiestItems: z.array(topItemSchema),
};

export function presentTotals(t: AuditTotals, ctx: ToolContext) {
  const domains: Record<string, number> = {};
  for (const [d, n] of Object.entries(t.externalDomains)) domains[ctx.tenantText(d, 253)] = n;
  return {
    sitesAudited: t.sitesAudited,
    drivesAudited: t.drivesAudited,
    itemsScanned: t.itemsScanned,
    sharedItems: t.sharedItems,
    permissions: t.permissions,
    byScope: t.byScope,
    editPermissions: t.editPermissions,
    viewPermissions: t.viewPermissions,
    linksWithoutExpiry: t.linksWithoutExpiry,
    anonymousEdit: t.anonymousEdit,
    externalGrants: t.externalGrants,
    everyoneGrants: t.everyoneGrants,
    expiredPermissions: t.expiredPermissions,
    externalDomains: domains,
    riskiestSites: t.topSites.map((s) => ({
      ...s,
      name: ctx.tenantText(s.name, 120),
      webUrl: ctx.tenantText(s.webUrl, 400),
    })),
    riskiestItems: t.topItems.map((i) => ({
      ...i,
      site: ctx.tenantText(i.site, 120),
      name: ctx.tenantText(i.name, 200),
      webUrl: ctx.tenantText(i.webUrl, 400),
    })),
  };
}

/** One line of counts, for summaries. */
export function countsLine(t: AuditTotals): string {
  return (
    `${t.sharedItems} shared item(s) in ${t.sitesAudited} site(s) (${t.itemsScanned} items scanned): ` +
    `anyone ${t.byScope.anonymous} (${t.anonymousEdit} edit, ${t.anonymousWithoutExpiry} never expire), ` +
    `organization ${t.byScope.organization}, specific people ${t.byScope.users}, direct ${t.byScope.direct}; ` +
    `external ${t.externalGrants}, everyone-style ${t.everyoneGrants}` +
    (t.expiredPermissions > 0 ? `; ${t.expiredPermissions} expired link(s) or grant(s) not counted.` : '.')
  );
}
