// Drive delta: without a token every item of the drive (parents before children); with one, the
// items changed since it (a removed sharing permission counts as a change, so an audit can resume
// from a token and see the fix). `token=latest` skips to now. Tokens are opaque but checked: a
// token from another drive or one that does not parse is refused.
import { createHash } from 'node:crypto';
import { badRequest, GraphSimError, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import type { SimDrive } from '../../tenant/sharepoint.js';
import { findDrive, siteOf } from './lookup.js';
import { renderItem } from './render.js';

function driveTag(drive: SimDrive): string {
  return createHash('sha256').update(drive.id).digest('base64url').slice(0, 10);
}

export function encodeDeltaToken(drive: SimDrive, sequence: number): string {
  return Buffer.from(`d1.${driveTag(drive)}.${sequence}`).toString('base64url');
}

function decodeDeltaToken(drive: SimDrive, token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^d1\.([A-Za-z0-9_-]{10})\.(\d{1,15})$/.exec(text);
  if (!m) throw badRequest('Invalid delta token.');
  if (m[1] !== driveTag(drive)) throw badRequest('The delta token belongs to another drive.');
  const sequence = Number(m[2]);
  if (sequence > drive.changeCounter) {
    throw new GraphSimError(410, 'resyncRequired', 'The delta token is no longer valid; start a new sync.');
  }
  return sequence;
}

/** The token the client sent: the engine's deltaLink carries `$deltatoken`; OneDrive's own links `token`. */
function tokenOf(ctx: RouteContext): string | undefined {
  return ctx.query.raw.get('$deltatoken') ?? ctx.query.raw.get('token') ?? undefined;
}

export const deltaRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/drives/{driveId}/root/delta',
    workload: 'sharepoint',
    pageSize: 200,
    maxPageSize: 1000,
    handler: (ctx) => {
      const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
      const token = tokenOf(ctx);
      const deltaToken = encodeDeltaToken(drive, drive.changeCounter);
      const context = `Collection(driveItem)`;
      if (token === 'latest') return { kind: 'delta', items: [], deltaToken, context };
      const since = token === undefined ? 0 : decodeDeltaToken(drive, token);
      const site = siteOf(ctx.tenant.sharepoint, drive);
      const items = drive.items
        .filter((item) => item.sequence > since)
        .map((item) => renderItem(site, drive, item, { forDelta: true }));
      return { kind: 'delta', items, deltaToken, context };
    },
  },
];
