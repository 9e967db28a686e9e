// Which Microsoft cloud to talk to. Hosts are Microsoft's published national-cloud endpoints
// (learn.microsoft.com/graph/deployments); the environment may override them for a simulator,
// Dev Proxy or a private endpoint.
import { z } from 'zod';
import type { AdminService } from './services/admin-service.js';

export type CloudName = 'global' | 'usgov' | 'usgov-dod' | 'china';

export interface CloudProfile {
  name: CloudName;
  /** Entra authority host, e.g. `https://login.microsoftonline.com` (no trailing slash). */
  authorityHost: string;
  /** Graph base URL without a version, e.g. `https://graph.microsoft.com` (no trailing slash). */
  graphBaseUrl: string;
  /** The scope an app-only token is requested for: `<graph resource>/.default`. */
  graphScope: string;
  /**
   * Domains whose sub-domains serve this cloud's pre-authenticated file downloads (the Location of
   * Graph's 302 for file content), e.g. `sharepoint.com`. Absent: the built-in list of the cloud named.
   */
  fileDownloadHostSuffixes?: readonly string[];
  /**
   * Base URLs of admin APIs beyond Graph that replace Microsoft's for this cloud (a simulator, a
   * proxy); absent: the cloud's own (services/service-endpoints.ts). Tokens keep the real audience.
   */
  serviceUrls?: Partial<Record<AdminService, string>>;
}

export const CLOUD_NAMES: readonly CloudName[] = ['global', 'usgov', 'usgov-dod', 'china'];

const BUILT_IN: Readonly<Record<CloudName, CloudProfile>> = {
  global: {
    name: 'global',
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    graphScope: 'https://graph.microsoft.com/.default',
    // SharePoint and OneDrive for Business (contoso.sharepoint.com, contoso-my.sharepoint.com), and
    // OneDrive's download hosts (*.files.1drv.com).
    fileDownloadHostSuffixes: ['sharepoint.com', 'files.1drv.com'],
  },
  usgov: {
    name: 'usgov',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://graph.microsoft.us',
    graphScope: 'https://graph.microsoft.us/.default',
    fileDownloadHostSuffixes: ['sharepoint.us'],
  },
  'usgov-dod': {
    name: 'usgov-dod',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    graphScope: 'https://dod-graph.microsoft.us/.default',
    fileDownloadHostSuffixes: ['sharepoint-mil.us'],
  },
  china: {
    name: 'china',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    fileDownloadHostSuffixes: ['sharepoint.cn'],
  },
};

/** The built-in profile of a cloud, with Microsoft's hosts. */
export function cloudProfile(name: CloudName): CloudProfile {
  return { ...BUILT_IN[name] };
}

/** Where a cloud's file downloads may come from: the profile's own list, else the built-in one. */
export function fileDownloadHostSuffixes(cloud: CloudProfile): readonly string[] {
  return cloud.fileDownloadHostSuffixes ?? BUILT_IN[cloud.name].fileDownloadHostSuffixes ?? [];
}

export class CloudConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudConfigError';
  }
}

/** The variable that overrides each admin API's base URL. */
export const SERVICE_URL_VARIABLES: Readonly<Record<AdminService, string>> = {
  exchange: 'M365_EXCHANGE_URL',
  compliance: 'M365_COMPLIANCE_URL',
  teams: 'M365_TEAMS_ADMIN_URL',
  fabric: 'M365_FABRIC_URL',
  sharepointAdmin: 'M365_SHAREPOINT_ADMIN_URL',
};

const envSchema = z.object({
  M365_CLOUD: z.string().optional(),
  AZURE_AUTHORITY_HOST: z.string().optional(),
  M365_GRAPH_URL: z.string().optional(),
  ...Object.fromEntries(Object.values(SERVICE_URL_VARIABLES).map((name) => [name, z.string().optional()])),
});

/**
 * The cloud profile the environment asks for: `M365_CLOUD` picks the cloud (default global, or the
 * cloud whose authority `AZURE_AUTHORITY_HOST` names), `AZURE_AUTHORITY_HOST` and `M365_GRAPH_URL`
 * override its hosts, and `M365_EXCHANGE_URL`, `M365_COMPLIANCE_URL`, `M365_TEAMS_ADMIN_URL`,
 * `M365_FABRIC_URL`, `M365_SHAREPOINT_ADMIN_URL` the admin APIs' base URLs. Every override must be
 * an https URL: a token must never travel in clear text.
 */
export function resolveCloud(env: Record<string, string | undefined> = process.env): CloudProfile {
  const vars = envSchema.parse(env);
  const cloudVar = blankToUndefined(vars.M365_CLOUD);
  const authorityVar = blankToUndefined(vars.AZURE_AUTHORITY_HOST);
  const graphVar = blankToUndefined(vars.M365_GRAPH_URL);

  const authorityHost = authorityVar === undefined ? undefined : parseAuthorityHost(authorityVar);
  const name = cloudVar === undefined ? cloudOfAuthority(authorityHost) : parseCloudName(cloudVar);
  const profile = cloudProfile(name);
  if (authorityHost !== undefined) profile.authorityHost = authorityHost;
  if (graphVar !== undefined) profile.graphBaseUrl = parseGraphUrl(graphVar);
  const serviceUrls: Partial<Record<AdminService, string>> = {};
  for (const [service, variable] of Object.entries(SERVICE_URL_VARIABLES) as [AdminService, string][]) {
    const value = blankToUndefined(env[variable]);
    if (value !== undefined) serviceUrls[service] = parseServiceUrl(variable, value);
  }
  if (Object.keys(serviceUrls).length > 0) profile.serviceUrls = serviceUrls;
  return profile;
}

/** An admin API's base URL: https, no credentials, query or fragment; no trailing slash. */
function parseServiceUrl(variable: string, value: string): string {
  const url = parseHttpsUrl(variable, value);
  return `${url.origin}${trimSlashes(url.pathname)}`;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function parseCloudName(value: string): CloudName {
  const name = value.toLowerCase();
  const found = CLOUD_NAMES.find((candidate) => candidate === name);
  if (found === undefined) {
    throw new CloudConfigError(`M365_CLOUD must be one of ${CLOUD_NAMES.join(', ')}; got "${value}".`);
  }
  return found;
}

/** An authority host of a national cloud implies that cloud when M365_CLOUD is not set. */
function cloudOfAuthority(authorityHost: string | undefined): CloudName {
  if (authorityHost === undefined) return 'global';
  const match = CLOUD_NAMES.find((name) => BUILT_IN[name].authorityHost === authorityHost);
  return match ?? 'global';
}

function parseHttpsUrl(variable: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CloudConfigError(`${variable} must be an absolute https URL; got "${value}".`);
  }
  if (url.protocol !== 'https:') {
    throw new CloudConfigError(
      `${variable} must use https (tokens are sent to it); got "${url.protocol}" in "${value}".`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new CloudConfigError(`${variable} must not contain credentials.`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new CloudConfigError(`${variable} must not contain a query or fragment; got "${value}".`);
  }
  return url;
}

function parseAuthorityHost(value: string): string {
  const url = parseHttpsUrl('AZURE_AUTHORITY_HOST', value);
  return `${url.origin}${trimSlashes(url.pathname)}`;
}

/** Graph's base URL without a version: a trailing `/v1.0` or `/beta` that users often paste is dropped. */
function parseGraphUrl(value: string): string {
  const url = parseHttpsUrl('M365_GRAPH_URL', value);
  const path = trimSlashes(url.pathname).replace(/\/(v1\.0|beta)$/i, '');
  return `${url.origin}${path}`;
}

function trimSlashes(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed;
}
