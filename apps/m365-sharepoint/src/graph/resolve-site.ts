// One site from what a person pastes: its URL (`https://contoso.sharepoint.com/sites/finance`) or
// its Graph id. Other hosts, malformed input and missing sites get an error that says which.
import { type GraphClient, graphPath, NotFoundError } from '@m365-mcp/graph-core';
import { quoteArgument, ToolInputError } from '@m365-mcp/mcp-kit';
import { SITE_SELECT, type SiteRef, siteRef, siteSchema } from './shapes.js';

const SHAREPOINT_HOST = /^[a-z0-9][a-z0-9-]{0,62}\.sharepoint(?:\.com|\.us|-mil\.us|\.cn)$/i;
const SITE_ID = /^[a-z0-9][a-z0-9.-]{0,253},[0-9a-f-]{36}(?:,[0-9a-f-]{36})?$/i;
const COLLECTIONS = new Set(['sites', 'teams', 'personal']);

export interface SiteAddress {
  site_url?: string | undefined;
  site_id?: string | undefined;
}

/** The Graph path of the site, or a ToolInputError saying what is wrong with the input. */
export function sitePathFor(address: SiteAddress): string {
  if (address.site_id) {
    if (!SITE_ID.test(address.site_id))
      throw new ToolInputError('site_id must be a Graph site id: "{hostname},{siteCollectionId},{webId}".');
    return graphPath`/sites/${address.site_id}`;
  }
  if (!address.site_url) throw new ToolInputError('Give site_url or site_id.');
  let url: URL;
  try {
    url = new URL(address.site_url);
  } catch {
    throw new ToolInputError('site_url is not a URL; expected https://<tenant>.sharepoint.com/sites/<name>.');
  }
  if (url.protocol !== 'https:') throw new ToolInputError('site_url must use https.');
  if (!SHAREPOINT_HOST.test(url.hostname) || url.port !== '' || url.username !== '') {
    throw new ToolInputError(
      `site_url must be on a SharePoint host such as <tenant>.sharepoint.com; "${url.hostname.slice(0, 100)}" is not one.`,
    );
  }
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  if (segments.length === 0) return graphPath`/sites/${url.hostname}`;
  const [collection, ...rest] = segments;
  if (!collection || !COLLECTIONS.has(collection.toLowerCase()) || rest.length === 0) {
    throw new ToolInputError(
      'site_url must be the site root or /sites/<name>, /teams/<name> or /personal/<name>.',
    );
  }
  const tail = rest.map((s) => encodeURIComponent(safeDecode(s))).join('/');
  return `${graphPath`/sites/${url.hostname}`}:/${collection.toLowerCase()}/${tail}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ToolInputError('site_url has a malformed percent-encoding.');
  }
}

export async function resolveSite(
  graph: GraphClient,
  address: SiteAddress,
  signal?: AbortSignal,
): Promise<SiteRef> {
  const path = sitePathFor(address);
  try {
    const site = await graph.get(path, {
      query: { $select: SITE_SELECT },
      schema: siteSchema,
      ...(signal ? { signal } : {}),
    });
    return siteRef(site);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new ToolInputError(
        `No site found at ${address.site_id ? `id ${quoteArgument(address.site_id, 200)}` : quoteArgument(address.site_url ?? '', 300)}. Check the address, or run audit_sharepoint_sites to list sites.`,
      );
    }
    throw error;
  }
}
