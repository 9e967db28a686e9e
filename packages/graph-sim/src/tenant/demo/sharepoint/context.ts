// What every part of the demo's SharePoint data shares: the tenant's hosts, "now", and the named
// people as SharePoint principals.

import { guestLogin, membershipLogin, type SharePointPrincipal } from '../../sharepoint/permissions.js';
import type { SimIdentity } from '../../sharepoint.js';
import { CONTOSO_TENANT_ID, type DemoPersonKey, demoPeople } from '../people.js';

export const DEMO_HOST = 'contoso.sharepoint.com';
export const DEMO_MY_HOST = 'contoso-my.sharepoint.com';
export const DEMO_INITIAL_DOMAIN = 'contoso.onmicrosoft.com';
export const DEMO_TENANT_ID = CONTOSO_TENANT_ID;

export interface DemoClock {
  /** ISO time `days` days (fractions allowed) before now. */
  ago(days: number): string;
  /** ISO time `days` days after now. */
  ahead(days: number): string;
}

export function demoClock(now: Date): DemoClock {
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  return { ago: (days) => at(-days), ahead: (days) => at(days) };
}

/** A named person as an identity (createdBy, owner). */
export function person(key: DemoPersonKey): SimIdentity {
  const p = demoPeople[key];
  return { id: p.id, displayName: p.displayName, email: p.userPrincipalName };
}

/** A named person as a SharePoint principal (for grants). Guests log in with their #EXT# name. */
export function principal(key: DemoPersonKey): SharePointPrincipal {
  const p = demoPeople[key];
  return { ...person(key), loginName: membershipLogin(p.userPrincipalName) };
}

/** An outside person who is not in the directory yet (invited by email). */
export function outsider(displayName: string, email: string): SharePointPrincipal {
  return { displayName, email, loginName: guestLogin(email, DEMO_INITIAL_DOMAIN) };
}

/** The OneDrive path of a member: `/personal/meganb_contoso_com`. */
export function personalPath(key: DemoPersonKey): string {
  const upn = demoPeople[key].userPrincipalName.toLowerCase();
  return `/personal/${upn.replace(/[@.]/g, '_')}`;
}
