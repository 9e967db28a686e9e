// SharePoint and OneDrive data of the simulated tenant. Sites, drives and items are kept compact and
// rendered into Graph's shapes by the routes (a generated tenant holds 200,000 items, so items do not
// carry their own copies of Graph's nested objects). Permissions are kept in Graph's own shape,
// because only shared items have any. Everything is plain and mutable, so a test can plant or fix a
// sharing link.

/** A person or app as Graph's `identity` ({ id, displayName, email }). */
export interface SimIdentity {
  id?: string;
  displayName: string;
  email?: string;
}

/** `microsoft.graph.sharepointSettings`, served flat (not wrapped in `value`, unlike the docs sample). */
export interface SharePointSettings {
  sharingCapability:
    | 'disabled'
    | 'externalUserSharingOnly'
    | 'externalUserAndGuestSharing'
    | 'existingExternalUserSharingOnly';
  sharingDomainRestrictionMode: 'none' | 'allowList' | 'blockList';
  sharingAllowedDomainList: string[];
  sharingBlockedDomainList: string[];
  isResharingByExternalUsersEnabled: boolean;
  isRequireAcceptingUserToMatchInvitedUserEnabled: boolean;
  isLegacyAuthProtocolsEnabled: boolean;
  isUnmanagedSyncAppForTenantRestricted: boolean;
  allowedDomainGuidsForSyncApp: string[];
  excludedFileExtensionsForSyncApp: string[];
  idleSessionSignOut: { isEnabled: boolean; warnAfterInSeconds: number; signOutAfterInSeconds: number };
  [property: string]: unknown;
}

/** A Graph `permission` object, exactly as Graph returns it (link, grantedToV2, invitation, ...). */
export type GraphPermission = {
  id: string;
  roles: string[];
  link?: {
    scope: 'anonymous' | 'organization' | 'users' | 'existingAccess';
    type: 'view' | 'edit' | 'embed' | 'review' | 'blocksDownload' | 'createOnly';
    webUrl: string;
    preventsDownload: boolean;
    [property: string]: unknown;
  };
  expirationDateTime?: string;
  hasPassword?: boolean;
  [property: string]: unknown;
};

export interface SimSite {
  /** `{hostname},{siteCollectionId},{webId}`. */
  id: string;
  hostname: string;
  /** Server-relative path: `/` for the root site, `/sites/finance`, `/personal/meganb_contoso_com`. */
  path: string;
  /** URL name of the site (`finance`), as Graph's `name`. */
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  isPersonalSite: boolean;
  /** Application grants (Sites.Selected), as `GET /sites/{id}/permissions` lists them. */
  appGrants: GraphPermission[];
}

export interface SimDriveItem {
  /** Opaque id, unique in its drive. */
  id: string;
  /** Null for the drive's root. */
  parentId: string | null;
  name: string;
  kind: 'folder' | 'file';
  mimeType?: string;
  /** Bytes; for a file with `content` it is the content's length. */
  size: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: SimIdentity;
  lastModifiedBy: SimIdentity;
  /** Permissions set on this item itself; its descendants inherit them. */
  permissions: GraphPermission[];
  /** Text content served by `/content` (scannable files); files without it get filler bytes. */
  content?: string;
  /** The drive's change number when this item last changed (delta). */
  sequence: number;
}

export interface SimDrive {
  /** `b!…` */
  id: string;
  siteId: string;
  name: string;
  description: string;
  driveType: 'documentLibrary' | 'business' | 'personal';
  /** Absolute URL of the library, e.g. `https://contoso.sharepoint.com/sites/finance/Shared%20Documents`. */
  webUrl: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Graph's `owner` identity set: `{ group }` for a team site's library, `{ user }` for a OneDrive. */
  owner: { user?: SimIdentity; group?: SimIdentity };
  /** The Entra user whose OneDrive this is (`/users/{id}/drive`). */
  ownerUserId?: string;
  quota: { total: number; used: number };
  /** The root first; every other item's parent is in the list. */
  items: SimDriveItem[];
  /** Last change number handed out in this drive (delta tokens remember it). */
  changeCounter: number;
}

export interface SharePointData {
  settings: SharePointSettings;
  /**
   * How `GET /admin/sharepoint/settings` answers: `entity` (the default) flat, as the service does;
   * `valueWrapped` as the sample in Microsoft's documentation shows it (`{ "value": { ... } }`), so a
   * test can prove that a reader accepts both shapes. Not a leniency: Graph never answers in a
   * shape this option does not name.
   */
  settingsShape?: 'entity' | 'valueWrapped';
  sites: SimSite[];
  drives: SimDrive[];
}
