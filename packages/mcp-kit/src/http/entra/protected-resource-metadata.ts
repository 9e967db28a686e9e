// RFC 9728 protected-resource metadata: where an MCP client learns which authorization server to
// sign in with and which scope to ask for. Served without authentication at the root well-known
// path and at the path-suffixed one for the MCP endpoint (`/.well-known/oauth-protected-resource/mcp`),
// which is the URL the 401 challenge names.

import { fullScope } from './entra-caller.js';
import { authorizationServer } from './entra-issuers.js';
import type { ResolvedEntraOptions } from './entra-options.js';

export const wellKnownPath = '/.well-known/oauth-protected-resource';

/** The MCP endpoint as clients see it: the configured public URL, or where the server listens. */
export function resourceUrl(options: ResolvedEntraOptions, mcpUrl: URL): URL {
  return options.publicUrl ?? mcpUrl;
}

/** The path-suffixed metadata URL of a resource (RFC 9728 section 3.1). */
export function metadataUrlOf(resource: URL): URL {
  const path = resource.pathname === '/' ? '' : resource.pathname.replace(/\/$/, '');
  return new URL(`${wellKnownPath}${path}`, resource.origin);
}

export function protectedResourceMetadata(
  options: ResolvedEntraOptions,
  resource: URL,
): Record<string, unknown> {
  return {
    resource: resource.href,
    authorization_servers: [authorizationServer(options.authority, options.tenantId)],
    scopes_supported: [fullScope(options)],
    bearer_methods_supported: ['header'],
    resource_name: options.resourceName,
    resource_documentation: options.documentationUrl,
  };
}

/** Both metadata documents by the absolute path this server answers them on. */
export function metadataDocuments(options: ResolvedEntraOptions, mcpUrl: URL): ReadonlyMap<string, unknown> {
  const resource = resourceUrl(options, mcpUrl);
  const document = protectedResourceMetadata(options, resource);
  return new Map<string, unknown>([
    [wellKnownPath, document],
    [metadataUrlOf(resource).pathname, document],
  ]);
}
