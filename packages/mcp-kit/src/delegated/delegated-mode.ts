// Whether a server starting up calls Graph on behalf of its callers, and the connections it then
// needs: one call from serve.ts, so the rules live here with the rest of delegated mode.
import { registerSecret } from '@m365-mcp/audit-log';
import { ConfigurationError, SIGN_IN_VARIABLE, signInModeFromEnv, type TenantRegistry } from '@m365-mcp/auth';
import { DelegatedConnections } from './delegated-connections.js';

/** The part of the HTTP settings that matters here: how callers authenticate. */
interface HttpSettingsLike {
  auth: { kind: string };
}

/**
 * The on-behalf-of connections when M365_MCP_SIGN_IN=on-behalf-of, undefined otherwise. Refused
 * unless the server serves HTTP with Entra sign-in: only an Entra user token can be exchanged, and on
 * stdio there is no caller token at all.
 */
export function delegatedConnectionsFor(options: {
  env: Record<string, string | undefined>;
  /** The server's HTTP settings; undefined on stdio. */
  http: HttpSettingsLike | undefined;
  registry?: TenantRegistry | undefined;
  ca?: string;
}): DelegatedConnections | undefined {
  if (signInModeFromEnv(options.env) !== 'on-behalf-of') return undefined;
  if (options.http === undefined || options.http.auth.kind !== 'entra') {
    throw new ConfigurationError(
      `${SIGN_IN_VARIABLE}=on-behalf-of calls Graph as each signed-in caller of the HTTP endpoint: serve with --http and Entra sign-in (--entra-tenant, --entra-audience). For yourself on stdio, use ${SIGN_IN_VARIABLE}=device-code or azure-cli.`,
      [SIGN_IN_VARIABLE],
    );
  }
  return new DelegatedConnections({
    env: options.env,
    registerSecret,
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
}
