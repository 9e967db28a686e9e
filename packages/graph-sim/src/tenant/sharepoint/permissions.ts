// Builders for Graph `permission` objects in the shapes SharePoint returns: sharing links
// (anonymous, organization, specific people), direct grants to people and guests, the
// "Everyone except external users" claim, site groups, and application grants on sites.
import type { GraphPermission, SimIdentity } from '../sharepoint.js';
import { stableGuid } from './ids.js';

/** A person as SharePoint knows them: an identity plus the claims login name. */
export interface SharePointPrincipal extends SimIdentity {
  loginName: string;
}

function siteUserId(loginName: string): string {
  let n = 0;
  for (const ch of loginName) n = (n * 31 + ch.charCodeAt(0)) % 9973;
  return String(n + 7);
}

/** The login name of a member (`MeganB@contoso.com`) or a guest (`john_fabrikam.com#EXT#@...`). */
export function membershipLogin(userPrincipalName: string): string {
  return `i:0#.f|membership|${userPrincipalName.toLowerCase()}`;
}

/** A guest's login name from their email, as B2B invitations create it. */
export function guestLogin(email: string, initialDomain: string): string {
  return membershipLogin(`${email.replace('@', '_')}#ext#@${initialDomain}`);
}

function identitySetFor(p: SharePointPrincipal): Record<string, unknown> {
  const user: Record<string, unknown> = { displayName: p.displayName };
  if (p.email) user.email = p.email;
  if (p.id) user.id = p.id;
  return {
    user,
    siteUser: {
      displayName: p.displayName,
      ...(p.email ? { email: p.email } : {}),
      id: siteUserId(p.loginName),
      loginName: p.loginName,
    },
  };
}

function deprecatedIdentity(p: SharePointPrincipal): Record<string, unknown> {
  return {
    user: {
      displayName: p.displayName,
      ...(p.email ? { email: p.email } : {}),
      ...(p.id ? { id: p.id } : {}),
    },
  };
}

export interface LinkOptions {
  seed: string;
  scope: 'anonymous' | 'organization' | 'users';
  type: 'view' | 'edit';
  webUrl: string;
  /** ISO time; absent means no expiry. `0001-01-01T00:00:00Z` is Graph's other way to say so. */
  expirationDateTime?: string;
  hasPassword?: boolean;
  preventsDownload?: boolean;
  /** For `users` links: who the link was sent to. */
  grantees?: SharePointPrincipal[];
}

export function sharingLink(o: LinkOptions): GraphPermission {
  const permission: GraphPermission = {
    id: stableGuid(`perm:${o.seed}`),
    roles: [o.type === 'edit' ? 'write' : 'read'],
    shareId: `u!${Buffer.from(o.webUrl).toString('base64url')}`,
    link: { scope: o.scope, type: o.type, webUrl: o.webUrl, preventsDownload: o.preventsDownload ?? false },
    hasPassword: o.hasPassword ?? false,
  };
  if (o.expirationDateTime) permission.expirationDateTime = o.expirationDateTime;
  if (o.grantees && o.grantees.length > 0) {
    permission['@deprecated.GrantedToIdentities'] =
      'GrantedToIdentities has been deprecated. Refer to GrantedToIdentitiesV2';
    permission.grantedToIdentities = o.grantees.map(deprecatedIdentity);
    permission.grantedToIdentitiesV2 = o.grantees.map(identitySetFor);
  }
  return permission;
}

/** A direct grant to a person; `invitedEmail` for a guest who was invited by email. */
export function userGrant(
  principal: SharePointPrincipal,
  roles: string[],
  invitedEmail?: string,
): GraphPermission {
  const permission: GraphPermission = {
    id: Buffer.from(principal.loginName).toString('base64'),
    '@deprecated.GrantedTo': 'GrantedTo has been deprecated. Refer to GrantedToV2',
    roles,
    grantedTo: deprecatedIdentity(principal),
    grantedToV2: identitySetFor(principal),
  };
  if (invitedEmail) permission.invitation = { email: invitedEmail, signInRequired: true };
  return permission;
}

/** The "Everyone except external users" claim: every member of the tenant. */
export function everyoneExceptExternalUsers(tenantId: string, roles: string[]): GraphPermission {
  const loginName = `c:0-.f|rolemanager|spo-grid-all-users/${tenantId}`;
  return {
    id: Buffer.from(loginName).toString('base64'),
    '@deprecated.GrantedTo': 'GrantedTo has been deprecated. Refer to GrantedToV2',
    roles,
    grantedTo: { user: { displayName: 'Everyone except external users' } },
    grantedToV2: {
      siteUser: { displayName: 'Everyone except external users', id: siteUserId(loginName), loginName },
    },
  };
}

/** A SharePoint group of the site (Owners, Members, Visitors). */
export function siteGroupGrant(groupName: string, roles: string[]): GraphPermission {
  return {
    id: Buffer.from(`sg:${groupName}`).toString('base64'),
    roles,
    grantedToV2: { siteGroup: { displayName: groupName, id: siteUserId(groupName), loginName: groupName } },
  };
}

/** The three groups every team site has, as its library's root permissions. */
export function siteGroups(siteDisplayName: string): GraphPermission[] {
  return [
    siteGroupGrant(`${siteDisplayName} Owners`, ['owner']),
    siteGroupGrant(`${siteDisplayName} Members`, ['write']),
    siteGroupGrant(`${siteDisplayName} Visitors`, ['read']),
  ];
}

/** An application's grant on a site (the Sites.Selected model); the id encodes the app's claim. */
export function appGrant(
  app: { id: string; displayName: string },
  roles: string[],
  tenantId: string,
): GraphPermission {
  const identity = { application: { id: app.id, displayName: app.displayName } };
  return {
    id: Buffer.from(`i:0i.t|ms.sp.ext|${app.id}@${tenantId}`).toString('base64'),
    '@deprecated.GrantedToIdentities':
      'GrantedToIdentities has been deprecated. Refer to GrantedToIdentitiesV2',
    roles,
    grantedToIdentities: [identity],
    grantedToIdentitiesV2: [identity],
  };
}
