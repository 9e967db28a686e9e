// Building blocks for this server's findings: references with their benchmark versions, the tenant
// as a resource, and a sanitiser type so analysis can mark tenant strings without knowing MCP.
import type { Finding, FindingReference } from '@m365-mcp/mcp-kit';

/** Makes a tenant string safe to quote; tools pass `ctx.tenantText`, unit tests pass the identity. */
export type TenantText = (value: string) => string;

export const plainText: TenantText = (value) => value;

const CIS_VERSION = '6.0.0';

export const ref = {
  cis: (id: string, title: string): FindingReference => ({
    framework: 'CIS',
    id,
    version: CIS_VERSION,
    title: `CIS Microsoft 365 Foundations ${id}: ${title}`,
  }),
  cisa: (id: string): FindingReference => ({ framework: 'CISA-SCuBA', id, title: `CISA SCuBA ${id}` }),
  mitre: (id: string, title: string): FindingReference => ({
    framework: 'MITRE-ATTACK',
    id,
    title,
    url: `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
  }),
  microsoft: (title: string, url: string): FindingReference => ({
    framework: 'Microsoft',
    id: title,
    title,
    url,
  }),
};

export const validAccountsCloud = ref.mitre('T1078.004', 'Valid Accounts: Cloud Accounts');

export const tenantResource = { type: 'tenant', id: 'tenant', displayName: 'Entra ID tenant' } as const;

/** A user as a finding resource, its names passed through the sanitiser. */
export function userResource(
  text: TenantText,
  user: { id: string; userPrincipalName?: string | null; displayName?: string | null },
): Finding['resource'] {
  const name = user.userPrincipalName ?? user.displayName;
  return { type: 'user', id: user.id, ...(name ? { displayName: text(name) } : {}) };
}

/** How a user is named in evidence and summaries: UPN, else display name, else id. */
export function userLabel(
  text: TenantText,
  user: { id: string; userPrincipalName?: string | null; displayName?: string | null },
): string {
  const name = user.userPrincipalName ?? user.displayName;
  return name ? text(name) : user.id;
}

/** At most `max` items for evidence, with the remainder counted rather than dropped silently. */
export function sample<T>(items: readonly T[], max = 10): { items: T[]; more: number } {
  return { items: items.slice(0, max), more: Math.max(0, items.length - max) };
}

export const DAY_MS = 86_400_000;

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
