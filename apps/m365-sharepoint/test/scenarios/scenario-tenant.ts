// Small tenants built for one scenario, not the demo: Contoso's directory (so the app can sign in)
// with SharePoint replaced by a root site, a team site and one OneDrive, each with one library of
// named files on which a test plants exactly the sharing it is about. Safe tenant settings, so
// only the planted sharing can fail.
import { createHash } from 'node:crypto';
import {
  createDemoTenant,
  demoPeople,
  type GraphPermission,
  type LinkOptions,
  type SimDrive,
  type SimDriveItem,
  type SimSite,
  sharingLink,
  sharingLinkUrl,
  siteGroups,
  type Tenant,
  userGrant,
} from '@m365-mcp/graph-sim';
import { fixSettings } from '../support.js';

/** The scenarios' "now": far from the wall clock, so a server that read the wall clock would fail. */
export const SCENARIO_NOW = Date.parse('2031-03-01T09:00:00Z');
export const daysFromNow = (days: number) => new Date(SCENARIO_NOW + days * 86_400_000).toISOString();

const HOST = 'contoso.sharepoint.com';
const MY_HOST = 'contoso-my.sharepoint.com';
const megan = demoPeople.megan;

export interface FileSpec {
  name: string;
  /** Text served as the file's content (the content scan reads it). */
  content?: string;
  /** Sharing links on the file; the URL is made from the site and the file. */
  links?: Omit<LinkOptions, 'seed' | 'webUrl'>[];
}

export interface ScenarioSpec {
  teamSite?: FileSpec[];
  oneDrive?: FileSpec[];
}

function guid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function site(hostname: string, path: string, displayName: string): SimSite {
  const created = daysFromNow(-400);
  return {
    id: `${hostname},${guid(`site${path}`)},${guid(`web${path}`)}`,
    hostname,
    path,
    name: path.split('/').filter(Boolean).at(-1) ?? hostname,
    displayName,
    description: '',
    createdDateTime: created,
    lastModifiedDateTime: created,
    isPersonalSite: path.startsWith('/personal/'),
    appGrants: [],
  };
}

function drive(
  owner: SimSite,
  libraryPath: string,
  rootPermissions: GraphPermission[],
  files: FileSpec[],
): SimDrive {
  const id = `b!${createHash('sha256').update(owner.id).digest('base64url')}`;
  const webUrl = `https://${owner.hostname}${owner.path === '/' ? '' : owner.path}/${encodeURIComponent(libraryPath)}`;
  const when = daysFromNow(-30);
  const author = { id: megan.id, displayName: megan.displayName, email: megan.userPrincipalName };
  const item = (n: number, fields: Partial<SimDriveItem>): SimDriveItem => ({
    id: `01${createHash('sha256').update(`${id}:${n}`).digest('hex').slice(0, 32).toUpperCase()}`,
    parentId: null,
    name: 'root',
    kind: 'folder',
    size: 0,
    createdDateTime: when,
    lastModifiedDateTime: when,
    createdBy: author,
    lastModifiedBy: author,
    permissions: [],
    sequence: n + 1,
    ...fields,
  });
  const root = item(0, { permissions: rootPermissions });
  const items = files.map((f, n) => {
    const file = item(n + 1, {
      parentId: root.id,
      name: f.name,
      kind: 'file',
      mimeType: 'text/plain',
      size: f.content?.length ?? 1024,
      ...(f.content === undefined ? {} : { content: f.content }),
    });
    file.permissions = (f.links ?? []).map((link, k) =>
      sharingLink({
        ...link,
        seed: `${file.id}:${k}`,
        webUrl: sharingLinkUrl(owner, file, `${file.id}:${k}`),
      }),
    );
    return file;
  });
  return {
    id,
    siteId: owner.id,
    name: owner.isPersonalSite ? 'OneDrive' : 'Documents',
    description: '',
    driveType: owner.isPersonalSite ? 'business' : 'documentLibrary',
    webUrl,
    createdDateTime: when,
    lastModifiedDateTime: when,
    owner: owner.isPersonalSite
      ? { user: author }
      : { group: { displayName: `${owner.displayName} Owners` } },
    ...(owner.isPersonalSite ? { ownerUserId: megan.id } : {}),
    quota: { total: 1_099_511_627_776, used: 0 },
    items: [root, ...items],
    changeCounter: items.length + 1,
  };
}

export function scenarioTenant(spec: ScenarioSpec): Tenant {
  const tenant = createDemoTenant({ now: new Date(SCENARIO_NOW) });
  const rootSite = site(HOST, '/', 'Contoso');
  const projects = site(HOST, '/sites/projects', 'Projects');
  const personal = site(
    MY_HOST,
    `/personal/${megan.userPrincipalName.replace(/[@.]/g, '_')}`,
    megan.displayName,
  );
  const owner = {
    displayName: megan.displayName,
    email: megan.userPrincipalName,
    id: megan.id,
    loginName: `i:0#.f|membership|${megan.userPrincipalName}`,
  };
  tenant.sharepoint = {
    settings: tenant.sharepoint.settings,
    sites: [rootSite, projects, personal],
    drives: [
      drive(rootSite, 'Shared Documents', siteGroups('Contoso'), []),
      drive(projects, 'Shared Documents', siteGroups('Projects'), spec.teamSite ?? []),
      drive(personal, 'Documents', [userGrant(owner, ['owner'])], spec.oneDrive ?? []),
    ],
  };
  fixSettings(tenant);
  return tenant;
}
