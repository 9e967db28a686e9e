// A large SharePoint tenant for benchmarks: thousands of sites, hundreds of thousands of items in
// nested folders, a fixed share of them shared (anyone, organization and specific-people links,
// guests from outside domains). Everything follows from the seed, so two runs with the same
// options produce the same tenant, id for id.
import { demoSharePointSettings } from '../demo/sharepoint/settings.js';
import { buildSite, mimeTypeFor, SYSTEM_ACCOUNT, sharingLinkUrl } from '../sharepoint/build.js';
import { driveIdFor, itemIdFor, stableGuid } from '../sharepoint/ids.js';
import {
  appGrant,
  guestLogin,
  membershipLogin,
  type SharePointPrincipal,
  sharingLink,
  siteGroups,
} from '../sharepoint/permissions.js';
import type {
  GraphPermission,
  SharePointData,
  SimDrive,
  SimDriveItem,
  SimIdentity,
  SimSite,
} from '../sharepoint.js';

export interface GenerateSharePointOptions {
  /** Any text or number; the same seed gives the same tenant. Default 'm365-mcp'. */
  seed?: string | number;
  /** Team sites. Default 2,000. */
  sites?: number;
  /** Items (files and folders, roots not counted) across all drives. Default 200,000. */
  items?: number;
  /** Fraction of items shared beyond the site's own groups, 0 to 1. Default 0.02. */
  sharedRatio?: number;
  /** OneDrives, in addition to the team sites; they share the item total. Default 0. */
  oneDrives?: number;
  /** Default 'contoso.sharepoint.com'. */
  hostname?: string;
  /** Tenant id and initial domain, for claims in grants. */
  tenantId?: string;
  initialDomain?: string;
  /** Folder nesting below the root. Default 4. */
  maxDepth?: number;
  /** "Now" for the dates; default 2026-01-01. */
  now?: Date;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Eight base-32 characters: with the drive's 26-character prefix, an item id of SharePoint's length. */
function toBase32(n: number): string {
  let out = '';
  for (let i = 0; i < 8; i++, n = Math.floor(n / 32)) out = BASE32[n % 32] + out;
  return out;
}

/** mulberry32: small, fast and good enough to spread items; seeded from the seed's hash. */
function randomFrom(seed: string): () => number {
  let a = Number.parseInt(stableGuid(`seed:${seed}`).slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Avery', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Harper', 'Jordan', 'Kai', 'Logan'];
const LAST = ['Adams', 'Brooks', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ivanova', 'Khan'];
const OUTSIDE_DOMAINS = ['fabrikam.com', 'gmail.com', 'outlook.com', 'northwindtraders.com', 'adatum.com'];
const EXTENSIONS = ['docx', 'xlsx', 'pptx', 'pdf', 'csv', 'txt', 'png', 'md', 'json'];

interface Counts {
  sites: number;
  oneDrives: number;
  items: number;
  shared: number;
}

function counts(o: GenerateSharePointOptions): Counts {
  const sites = Math.max(0, Math.floor(o.sites ?? 2000));
  const oneDrives = Math.max(0, Math.floor(o.oneDrives ?? 0));
  const items = Math.max(0, Math.floor(o.items ?? 200_000));
  const ratio = Math.min(1, Math.max(0, o.sharedRatio ?? 0.02));
  return { sites, oneDrives, items, shared: Math.round(items * ratio) };
}

/** Splits `total` over `n` drives with uneven (but seeded) sizes that add up exactly. */
function spread(total: number, n: number, random: () => number): number[] {
  if (n === 0) return [];
  const weights = Array.from({ length: n }, () => 0.2 + random() * random() * 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) out[i] = (out[i] as number) + 1;
  return out;
}

export function generateSharePoint(options: GenerateSharePointOptions = {}): SharePointData {
  const seed = String(options.seed ?? 'm365-mcp');
  const random = randomFrom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const c = counts(options);
  const hostname = options.hostname ?? 'contoso.sharepoint.com';
  const myHost = hostname.replace(/\.sharepoint\.com$/i, '-my.sharepoint.com');
  const tenantId = options.tenantId ?? stableGuid(`tenant:${seed}`);
  const initialDomain = options.initialDomain ?? `${hostname.split('.')[0]}.onmicrosoft.com`;
  const emailDomain = `${hostname.split('.')[0]}.com`;
  const maxDepth = Math.max(1, options.maxDepth ?? 4);
  const now = (options.now ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const dateBack = (maxDays: number) =>
    new Date(now - Math.floor(random() * maxDays * 86_400_000)).toISOString();

  const people: SharePointPrincipal[] = Array.from({ length: 100 }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const upn = `${first}.${last}${i}@${emailDomain}`.toLowerCase();
    return {
      id: stableGuid(`user:${seed}:${i}`),
      displayName: `${first} ${last}`,
      email: upn,
      loginName: membershipLogin(upn),
    };
  });
  const identity = (p: SharePointPrincipal): SimIdentity => ({
    id: p.id,
    displayName: p.displayName,
    email: p.email,
  });

  // Which items (by global position) are shared: exactly c.shared of them.
  const sharedPositions = new Set<number>();
  while (sharedPositions.size < c.shared) sharedPositions.add(Math.floor(random() * c.items));

  const sites: SimSite[] = [];
  const drives: SimDrive[] = [];
  const perDrive = spread(c.items, c.sites + c.oneDrives, random);
  let position = 0;

  for (let d = 0; d < c.sites + c.oneDrives; d++) {
    const personal = d >= c.sites;
    const owner = people[d % people.length] as SharePointPrincipal;
    const number = String(personal ? d - c.sites + 1 : d + 1).padStart(4, '0');
    const created = dateBack(1500);
    const site = buildSite({
      hostname: personal ? myHost : hostname,
      // Every fourth team site is a Teams-connected one, under /teams/ as SharePoint files them.
      path: personal
        ? `/personal/${(owner.email ?? '').replace(/[@.]/g, '_')}_${number}`
        : d % 4 === 3
          ? `/teams/team-${number}`
          : `/sites/site-${number}`,
      displayName: personal ? owner.displayName : `Site ${number}`,
      description: personal ? '' : `Generated team site ${number}`,
      created,
      modified: dateBack(30),
    });
    if (!personal && random() < 0.01) {
      site.appGrants.push(
        appGrant(
          { id: stableGuid(`app:${seed}:${d}`), displayName: `Integration ${number}` },
          [pick(['read', 'write'])],
          tenantId,
        ),
      );
    }
    sites.push(site);

    const driveId = driveIdFor(site.id, personal ? 'OneDrive' : 'Documents');
    const itemIdPrefix = itemIdFor(driveId, 'generated').slice(0, 26);
    let sequence = 0;
    const root: SimDriveItem = {
      id: itemIdFor(driveId, '/'),
      parentId: null,
      name: 'root',
      kind: 'folder',
      size: 0,
      createdDateTime: created,
      lastModifiedDateTime: created,
      createdBy: SYSTEM_ACCOUNT,
      lastModifiedBy: SYSTEM_ACCOUNT,
      permissions: personal
        ? [
            {
              id: Buffer.from(owner.loginName).toString('base64'),
              roles: ['owner'],
              grantedToV2: { user: identity(owner) },
            },
          ]
        : siteGroups(site.displayName),
      sequence: ++sequence,
    };
    const items: SimDriveItem[] = [root];
    const folders: { item: SimDriveItem; depth: number }[] = [{ item: root, depth: 0 }];
    const n = perDrive[d] as number;
    for (let k = 0; k < n; k++, position++) {
      const parent = folders[Math.floor(random() * folders.length)] as { item: SimDriveItem; depth: number };
      const isFolder = parent.depth < maxDepth && random() < 0.15;
      const author = personal ? owner : pick(people);
      const when = dateBack(1000);
      const kind: SimDriveItem['kind'] = isFolder ? 'folder' : 'file';
      const name = isFolder ? `Folder ${k}` : `Document ${k}.${pick(EXTENSIONS)}`;
      const item: SimDriveItem = {
        id: `${itemIdPrefix}${toBase32(k + 1)}`,
        parentId: parent.item.id,
        name,
        kind,
        mimeType: isFolder ? undefined : mimeTypeFor(name),
        size: isFolder ? 0 : 1 + Math.floor(random() * random() * 2_000_000),
        createdDateTime: when,
        lastModifiedDateTime: when,
        createdBy: identity(author),
        lastModifiedBy: identity(author),
        permissions: [],
        sequence: ++sequence,
      };
      if (sharedPositions.has(position)) item.permissions = [shareFor(site, item, `${driveId}/${k}`)];
      items.push(item);
      if (isFolder) folders.push({ item, depth: parent.depth + 1 });
    }
    drives.push({
      id: driveId,
      siteId: site.id,
      name: personal ? 'OneDrive' : 'Documents',
      description: '',
      driveType: personal ? 'business' : 'documentLibrary',
      webUrl: `https://${site.hostname}${site.path}/${personal ? 'Documents' : 'Shared%20Documents'}`,
      createdDateTime: created,
      lastModifiedDateTime: created,
      owner: personal
        ? { user: identity(owner) }
        : { group: { id: stableGuid(`group:${site.id}`), displayName: site.displayName } },
      ...(personal && owner.id ? { ownerUserId: owner.id } : {}),
      quota: { total: 27_487_790_694_400, used: items.reduce((s, i) => s + i.size, 0) },
      items,
      changeCounter: sequence,
    });
  }

  function shareFor(site: SimSite, item: SimDriveItem, linkSeed: string): GraphPermission {
    const roll = random();
    const type = random() < 0.5 ? 'edit' : 'view';
    const webUrl = sharingLinkUrl(site, item, linkSeed);
    if (roll < 0.25) {
      const expiry =
        random() < 0.6 ? undefined : new Date(now + Math.floor(random() * 90) * 86_400_000).toISOString();
      return sharingLink({
        seed: linkSeed,
        scope: 'anonymous',
        type,
        webUrl,
        ...(expiry ? { expirationDateTime: expiry } : {}),
      });
    }
    if (roll < 0.65) return sharingLink({ seed: linkSeed, scope: 'organization', type, webUrl });
    const external = random() < 0.5;
    const grantee: SharePointPrincipal = external
      ? (() => {
          const email = `guest${Math.floor(random() * 500)}@${pick(OUTSIDE_DOMAINS)}`;
          return {
            displayName: email.split('@')[0] as string,
            email,
            loginName: guestLogin(email, initialDomain),
          };
        })()
      : pick(people);
    return sharingLink({ seed: linkSeed, scope: 'users', type, webUrl, grantees: [grantee] });
  }

  return { settings: demoSharePointSettings(), sites, drives };
}
