// The MCP server as an OAuth 2.1 resource server with Entra ID as its authorization server (MCP
// authorization spec): each request's bearer token is an Entra access token for this server's app
// registration; a refusal points the client at the protected-resource metadata it signs in from.
import { registerSecret } from '@m365-mcp/audit-log';
import type { Authentication, HttpAuthenticator } from '../http-authenticator.js';
import { bearerChallenge } from './bearer-challenge.js';
import { callerFromClaims } from './entra-caller.js';
import { openIdConfigurationUrl } from './entra-issuers.js';
import {
  type EntraAuthenticatorOptions,
  type ResolvedEntraOptions,
  resolveEntraOptions,
} from './entra-options.js';
import { httpsJsonFetcher } from './https-json.js';
import { metadataDocuments, metadataUrlOf } from './protected-resource-metadata.js';
import { SigningKeys } from './signing-keys.js';
import { verifyAccessToken } from './verify-access-token.js';

export interface EntraAuthenticator extends HttpAuthenticator {
  readonly kind: 'entra';
  /** The resolved configuration (no secret in it), for start-up lines and `check`. */
  readonly options: ResolvedEntraOptions;
  /** How many times the signing keys were fetched. */
  readonly keyFetches: number;
}

export function entraAuthenticator(input: EntraAuthenticatorOptions): EntraAuthenticator {
  const options = resolveEntraOptions(input);
  const keys = new SigningKeys({
    metadataUrl: openIdConfigurationUrl(options.authority, options.tenantId),
    fetchJson: httpsJsonFetcher(options.ca),
    now: options.now,
  });
  // The challenge names the metadata URL, which depends on the URL clients use: the configured
  // public URL, or else the endpoint the transport serves (it hands it over with documents()).
  let servedUrl: URL | undefined;
  const metadataUrl = (): string | undefined => {
    const resource = options.publicUrl ?? servedUrl;
    return resource === undefined ? undefined : metadataUrlOf(resource).href;
  };

  const refuse = (
    status: 401 | 403,
    reason: string,
    challenge: { error?: 'invalid_token' | 'insufficient_scope'; scope?: string; description?: string },
  ): Authentication => ({
    kind: 'refused',
    status,
    reason,
    wwwAuthenticate: bearerChallenge({
      realm: options.resourceName,
      resourceMetadata: metadataUrl(),
      ...challenge,
    }),
  });

  return {
    kind: 'entra',
    options,
    get keyFetches() {
      return keys.fetchCount;
    },
    async authenticate(authorization) {
      // No credentials: the bare challenge, no error code (RFC 6750 section 3.1).
      if (authorization === undefined || authorization.trim() === '')
        return refuse(401, 'no bearer token', {});
      const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
      const token = match?.[1];
      if (token === undefined) {
        return refuse(401, 'the Authorization header is not a bearer token', { error: 'invalid_token' });
      }
      const verdict = await verifyAccessToken(token, options, keys);
      if (!verdict.ok) return refuse(401, verdict.reason, { error: 'invalid_token' });
      const caller = callerFromClaims(verdict.claims, token, options);
      if (caller.ok) {
        // Only a token the server keeps (on-behalf-of) could ever reach a log line: register it with
        // the audit log's redactor. Refused tokens are never kept, so a flood of them adds nothing.
        if (caller.caller.assertion !== undefined) registerSecret(caller.caller.assertion);
        return { kind: 'ok', caller: caller.caller };
      }
      if (caller.status === 401) return refuse(401, caller.reason, { error: 'invalid_token' });
      return refuse(403, caller.reason, {
        error: 'insufficient_scope',
        scope: caller.scope,
        description: caller.description,
      });
    },
    documents(mcpUrl) {
      servedUrl = mcpUrl;
      return metadataDocuments(options, mcpUrl);
    },
  };
}
