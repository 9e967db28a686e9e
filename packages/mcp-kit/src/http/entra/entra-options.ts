// What an Entra resource server is configured with, checked once at start so a typo stops the
// server with a message instead of refusing every caller later.
import { ServerConfigError } from '../../config/load-config.js';

/** The app roles on the server's own app registration that decide what a caller may do. */
export interface EntraRoleNames {
  /** Calls read tools and makes write plans. `McpServer.Read` by default. */
  read: string;
  /** Also applies write plans (implies read). `McpServer.Write` by default. */
  write: string;
}

export interface EntraAuthenticatorOptions {
  /**
   * The server app's audience as Entra writes it in `aud`: its Application ID URI (v1 tokens, e.g.
   * `api://m365-security`) and/or its client id (v2 tokens). Exactly these are accepted.
   */
  audience: string | readonly string[];
  /** The server's home tenant (a GUID): its OpenID metadata names the signing keys. */
  tenantId: string;
  /** Tenant ids whose users and apps may call; the home tenant only by default. */
  allowedTenants?: readonly string[];
  /** Entra's authority, https only; `https://login.microsoftonline.com` by default. */
  authorityHost?: string;
  roles?: Partial<EntraRoleNames>;
  /** The delegated scope a user token must carry in `scp`; `access_as_user` by default. */
  scope?: string;
  /** Names the server in the challenge's realm and the metadata's `resource_name`. */
  resourceName?: string;
  /** The MCP endpoint as clients reach it (behind a reverse proxy); the listening URL otherwise. */
  publicUrl?: string | URL;
  /** Where the set-up is documented, for the metadata's `resource_documentation`. */
  documentationUrl?: string;
  /** Keep the presented token on the caller (on-behalf-of: it is the user assertion). */
  keepAssertion?: boolean;
  /** Milliseconds since the epoch; `Date.now` by default (tests inject theirs). */
  now?: () => number;
  /** How far `exp`/`nbf` may be off, in seconds; 60 by default. */
  clockSkewSeconds?: number;
  /** An extra CA to trust for the authority (graph-sim in tests); the system's CAs otherwise. */
  ca?: string;
}

export interface ResolvedEntraOptions {
  audiences: readonly string[];
  tenantId: string;
  allowedTenants: ReadonlySet<string>;
  /** `https://host` without a trailing slash. */
  authority: string;
  roles: EntraRoleNames;
  scope: string;
  resourceName: string;
  publicUrl: URL | undefined;
  documentationUrl: string;
  keepAssertion: boolean;
  now: () => number;
  clockSkewSeconds: number;
  ca: string | undefined;
}

export const defaultEntraRoles: EntraRoleNames = { read: 'McpServer.Read', write: 'McpServer.Write' };
export const defaultEntraScope = 'access_as_user';
export const defaultAuthorityHost = 'https://login.microsoftonline.com';
export const entraDocumentationUrl =
  'https://github.com/m365-mcp/m365-mcp/tree/main/packages/mcp-kit#entra-sign-in';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTenantGuid(value: string): boolean {
  return guid.test(value);
}

/** An https origin (no path, query or credentials), as `https://host[:port]`. */
export function parseAuthorityHost(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServerConfigError(`The Entra authority must be an absolute https URL, not "${value}".`);
  }
  if (url.protocol !== 'https:') {
    throw new ServerConfigError(
      `The Entra authority must use https (signing keys are fetched from it), not "${url.protocol}" in "${value}".`,
    );
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new ServerConfigError(
      `The Entra authority must be a bare origin such as ${defaultAuthorityHost}, not "${value}".`,
    );
  }
  return url.origin;
}

function parsePublicUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ServerConfigError(
      `The public URL must be an absolute URL such as https://mcp.example.com/mcp, not "${value}".`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ServerConfigError(`The public URL must be http(s), not "${url.protocol}".`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ServerConfigError(
      `The public URL must not carry credentials, a query or a fragment: "${value}".`,
    );
  }
  return url;
}

/** Checks the options and fills in the defaults; throws ServerConfigError saying what is wrong. */
export function resolveEntraOptions(options: EntraAuthenticatorOptions): ResolvedEntraOptions {
  const audiences = (typeof options.audience === 'string' ? [options.audience] : [...options.audience])
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  if (audiences.length === 0) {
    throw new ServerConfigError(
      "Entra sign-in needs the server app's audience: its Application ID URI (e.g. api://m365-security) and/or its client id.",
    );
  }
  if (!isTenantGuid(options.tenantId)) {
    throw new ServerConfigError(
      `The Entra tenant must be the home tenant's id (a GUID, Entra admin center > Overview > Tenant ID), not "${options.tenantId}".`,
    );
  }
  const allowed = options.allowedTenants ?? [options.tenantId];
  for (const tenant of allowed) {
    if (!isTenantGuid(tenant)) {
      throw new ServerConfigError(`Each allowed tenant must be a tenant id (a GUID), not "${tenant}".`);
    }
  }
  if (allowed.length === 0)
    throw new ServerConfigError('The list of allowed tenants is empty: name at least one.');
  const roles = { ...defaultEntraRoles, ...options.roles };
  if (roles.read === roles.write) {
    throw new ServerConfigError(`The read and write app roles must differ (both are "${roles.read}").`);
  }
  const skew = options.clockSkewSeconds ?? 60;
  if (!Number.isInteger(skew) || skew < 0 || skew > 300) {
    throw new ServerConfigError(
      `The clock skew must be a whole number of seconds from 0 to 300, not ${skew}.`,
    );
  }
  return {
    audiences,
    tenantId: options.tenantId.toLowerCase(),
    allowedTenants: new Set(allowed.map((tenant) => tenant.toLowerCase())),
    authority: parseAuthorityHost(options.authorityHost ?? defaultAuthorityHost),
    roles,
    scope: options.scope ?? defaultEntraScope,
    resourceName: options.resourceName ?? 'm365-mcp',
    publicUrl: options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl),
    documentationUrl: options.documentationUrl ?? entraDocumentationUrl,
    keepAssertion: options.keepAssertion ?? false,
    now: options.now ?? Date.now,
    clockSkewSeconds: skew,
    ca: options.ca,
  };
}
