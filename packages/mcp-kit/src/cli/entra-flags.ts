// Entra sign-in for --http from the command line and the environment: the flags win over the
// M365_MCP_ENTRA_* variables. The authority follows the cloud (M365_CLOUD / AZURE_AUTHORITY_HOST)
// like the server's own sign-in to Graph.
import { resolveCloud } from '@m365-mcp/graph-core';
import { ServerConfigError } from '../config/load-config.js';
import type { EntraAuthenticatorOptions } from '../http/entra/index.js';
import { entraVariables } from './entra-variables.js';

export { entraVariables };

/** The Entra part of the root command's flags, as commander hands them over. */
export interface EntraFlags {
  entraTenant?: string;
  /** Repeatable: the Application ID URI and/or the client id. */
  entraAudience?: string[];
  /** Comma- or space-separated tenant ids. */
  entraAllowedTenants?: string;
  publicUrl?: string;
}

/** A list given as one value: separated by commas and/or whitespace. */
function listOf(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((item) => item !== '');
}

function blank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The public URL clients use (behind a reverse proxy), from --public-url or M365_MCP_PUBLIC_URL. */
export function publicUrlFrom(
  flags: EntraFlags,
  env: Record<string, string | undefined>,
): string | undefined {
  return blank(flags.publicUrl) ?? blank(env[entraVariables.publicUrl]);
}

/**
 * The Entra sign-in options, or undefined when neither a tenant nor an audience is configured.
 * Refuses half a configuration, saying what is missing.
 */
export function entraOptionsFrom(
  flags: EntraFlags,
  env: Record<string, string | undefined>,
): Omit<EntraAuthenticatorOptions, 'resourceName' | 'keepAssertion'> | undefined {
  const tenantId = blank(flags.entraTenant) ?? blank(env[entraVariables.tenant]);
  const audience = flags.entraAudience?.length
    ? flags.entraAudience.flatMap(listOf)
    : listOf(env[entraVariables.audience]);
  const allowed =
    flags.entraAllowedTenants === undefined
      ? listOf(env[entraVariables.allowedTenants])
      : listOf(flags.entraAllowedTenants);
  if (tenantId === undefined && audience.length === 0) {
    if (allowed.length > 0) {
      throw new ServerConfigError(
        `--entra-allowed-tenants (${entraVariables.allowedTenants}) needs Entra sign-in: give --entra-tenant and --entra-audience too.`,
      );
    }
    return undefined;
  }
  if (tenantId === undefined) {
    throw new ServerConfigError(
      `Entra sign-in needs the server's home tenant: --entra-tenant <tenant id> (or ${entraVariables.tenant}).`,
    );
  }
  if (audience.length === 0) {
    throw new ServerConfigError(
      `Entra sign-in needs the server app's audience: --entra-audience <Application ID URI or client id> (or ${entraVariables.audience}), e.g. api://m365-security.`,
    );
  }
  const publicUrl = publicUrlFrom(flags, env);
  return {
    tenantId,
    audience,
    ...(allowed.length > 0 ? { allowedTenants: allowed } : {}),
    authorityHost: resolveCloud(env).authorityHost,
    ...(publicUrl === undefined ? {} : { publicUrl }),
  };
}
