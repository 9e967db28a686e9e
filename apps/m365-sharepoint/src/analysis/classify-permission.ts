// Turns one Graph permission into what a reviewer weighs: who (anyone, the organization, named
// people, everyone-style claims, guests), what (edit or view), for how long, and a score.
import type { GraphIdentitySet, GraphPermission } from './graph-permission.js';

export type SharingScope = 'anonymous' | 'organization' | 'users' | 'direct';
export type Access = 'owner' | 'edit' | 'view';

export interface Grantee {
  displayName: string;
  email?: string;
  external: boolean;
}

export interface ClassifiedPermission {
  id: string;
  scope: SharingScope;
  access: Access;
  isLink: boolean;
  /** ISO time, or null when the link or grant never expires. */
  expires: string | null;
  /** Its expiry has passed: SharePoint keeps the permission, but it no longer grants access. */
  expired: boolean;
  hasPassword: boolean;
  grantees: Grantee[];
  /** "Everyone", "Everyone except external users" and similar tenant-wide claims. */
  everyone: boolean;
  /** A guest or an outside address is among the grantees. */
  external: boolean;
  /** A site group or the library's owner: access by design, not sharing. */
  structural: boolean;
  score: number;
}

export interface TenantIdentity {
  /** Lower-case domains that count as internal (`contoso.com`, `contoso.onmicrosoft.com`). */
  internalDomains: readonly string[];
}

/** `contoso.sharepoint.com` -> contoso.com and contoso.onmicrosoft.com, plus configured ones. */
export function tenantIdentityFor(hostname: string, extraDomains: readonly string[] = []): TenantIdentity {
  const tenant = (hostname.toLowerCase().split('.')[0] ?? '').replace(/-my$/, '');
  return { internalDomains: [`${tenant}.com`, `${tenant}.onmicrosoft.com`, ...extraDomains] };
}

// Graph's other way of saying "no expiry".
const NO_EXPIRY = /^0001-01-01/;

const EVERYONE_CLAIMS = [
  /spo-grid-all-users/i,
  /^c:0\(\.s\|true$/i,
  /^c:0-\.f\|rolemanager\|spo-grid-all-users/i,
];

export function domainOf(email: string | undefined | null): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  return at < 0 ? undefined : email.slice(at + 1).toLowerCase();
}

function isExternal(loginName: string, email: string | undefined, tenant: TenantIdentity): boolean {
  if (/#ext#/i.test(loginName) || /#ext#/i.test(email ?? '')) return true;
  const domain = domainOf(email);
  return domain !== undefined && !tenant.internalDomains.includes(domain);
}

function granteesOf(sets: readonly GraphIdentitySet[], tenant: TenantIdentity): Grantee[] {
  const out: Grantee[] = [];
  for (const set of sets) {
    const who = set.user ?? set.siteUser ?? set.group ?? set.application;
    if (!who) continue;
    const email = who.email ?? set.siteUser?.email ?? undefined;
    const loginName = set.siteUser?.loginName ?? who.loginName ?? '';
    out.push({
      displayName: who.displayName ?? email ?? '(unnamed)',
      ...(email ? { email } : {}),
      external: isExternal(loginName, email, tenant),
    });
  }
  return out;
}

function accessOf(p: GraphPermission): Access {
  if (p.roles.includes('owner')) return 'owner';
  const type = p.link?.type;
  if (type === 'edit' || p.roles.includes('write')) return 'edit';
  return 'view';
}

/**
 * The scoring rule (stated to users as SCORE_RULE): anonymous edit 10, anonymous view 6, +2 for an
 * anonymous link without expiry, everyone-style grant 5 (edit 7), external grantee 6 edit / 4 view,
 * organization link 4 edit / 2 view, specific internal people 1; structural access and expired ones 0.
 */
export const SCORE_RULE =
  'Per permission: anyone link edit 10 / view 6 (+2 without expiry, -2 with a password); everyone-style grant edit 7 / view 5; ' +
  'outside or guest grantee edit 6 / view 4; organization link edit 4 / view 2; named internal people 1; site groups, owners ' +
  'and expired links or grants 0. ' +
  'An item scores the sum of its own permissions; a site the sum of its items.';

function scoreOf(c: Omit<ClassifiedPermission, 'score'>): number {
  if (c.structural || c.expired) return 0;
  const edit = c.access !== 'view';
  if (c.scope === 'anonymous') {
    let s = edit ? 10 : 6;
    if (c.expires === null) s += 2;
    if (c.hasPassword) s -= 2;
    return s;
  }
  if (c.everyone) return edit ? 7 : 5;
  if (c.external) return edit ? 6 : 4;
  if (c.scope === 'organization') return edit ? 4 : 2;
  return 1;
}

/** True when an expiry time has passed at `now`; an unreadable time is taken as not passed (still exposed). */
function hasPassed(expires: string | null, now: number): boolean {
  if (expires === null) return false;
  const at = Date.parse(expires);
  return !Number.isNaN(at) && at <= now;
}

/** `now` (ms since the epoch) decides whether an expiring link or grant still counts. */
export function classifyPermission(
  p: GraphPermission,
  tenant: TenantIdentity,
  now: number,
): ClassifiedPermission {
  const linkScope = p.link?.scope;
  const scope: SharingScope =
    linkScope === 'anonymous' || linkScope === 'organization' || linkScope === 'users'
      ? linkScope
      : p.link
        ? 'users'
        : 'direct';
  const sets = [...(p.grantedToV2 ? [p.grantedToV2] : []), ...(p.grantedToIdentitiesV2 ?? [])];
  const grantees = granteesOf(sets, tenant);
  const invited = p.invitation?.email ?? undefined;
  if (invited && !grantees.some((g) => g.email?.toLowerCase() === invited.toLowerCase())) {
    grantees.push({ displayName: invited, email: invited, external: isExternal('', invited, tenant) });
  }
  const loginNames = sets.map((s) => s.siteUser?.loginName ?? s.user?.loginName ?? '');
  const everyone =
    loginNames.some((l) => EVERYONE_CLAIMS.some((re) => re.test(l))) ||
    grantees.some((g) => /^everyone\b/i.test(g.displayName));
  const access = accessOf(p);
  const structural = !p.link && (Boolean(p.grantedToV2?.siteGroup) || access === 'owner');
  const expiry = p.expirationDateTime ?? null;
  const expires = expiry === null || NO_EXPIRY.test(expiry) ? null : expiry;
  const base = {
    id: p.id,
    scope,
    access,
    isLink: Boolean(p.link),
    expires,
    expired: hasPassed(expires, now),
    hasPassword: p.hasPassword ?? false,
    grantees,
    everyone,
    external: grantees.some((g) => g.external),
    structural,
  };
  return { ...base, score: scoreOf(base) };
}
