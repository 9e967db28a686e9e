import { z } from 'zod';
import { ServerConfigError } from '../config/load-config.js';
import { isLoopbackHost } from '../http/allowed-hosts.js';
import {
  minimumHttpTokenLength,
  noAuthAuthenticator,
  splitHttpTokens,
  staticTokenAuthenticator,
} from '../http/bearer-token.js';
import { entraAuthenticator } from '../http/entra/index.js';
import type { HttpAuthenticator } from '../http/http-authenticator.js';
import { type HttpAuth, validateHttpOptions } from '../http/start-http-server.js';
import { type EntraFlags, entraOptionsFrom, entraVariables, publicUrlFrom } from './entra-flags.js';
import { httpTokenFileVariable, httpTokenValue, httpTokenVariable } from './http-token-variable.js';

/** The command-line flags of the Streamable HTTP transport, as commander hands them over. */
export interface HttpFlags extends EntraFlags {
  http?: boolean;
  port?: string;
  host?: string;
  allowedHost?: string[];
  httpNoAuth?: boolean;
}

export interface HttpSettings {
  host: string;
  port: number;
  /** Static tokens, no authentication, or an authenticator (Entra sign-in). */
  auth: HttpAuth;
  allowedHosts: string[];
  /** Warnings to print at start-up (plain HTTP off loopback, no authentication). */
  warnings: string[];
}

export interface HttpSettingsOptions {
  /** The server's name: the realm of the challenge and the metadata's `resource_name`. */
  name?: string;
  /** On-behalf-of: the caller's Entra token is kept as the user assertion. */
  keepAssertion?: boolean;
}

const portSchema = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(65_535));

/** The Host (name[:port]) of the public URL, which the server must accept behind its proxy. */
function publicHostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).host;
  } catch {
    throw new ServerConfigError(
      `--public-url (${entraVariables.publicUrl}) must be an absolute URL such as https://mcp.contoso.com/mcp, not "${publicUrl}".`,
    );
  }
}

/**
 * Turns the flags and the environment into HTTP settings, or refuses with a message that says
 * what to fix. Undefined when `--http` was not given (and then no HTTP flag may be either).
 */
export function httpSettingsFrom(
  flags: HttpFlags,
  env: Record<string, string | undefined>,
  options: HttpSettingsOptions = {},
): HttpSettings | undefined {
  if (!flags.http) {
    const stray = [
      flags.port === undefined ? undefined : '--port',
      flags.host === undefined ? undefined : '--host',
      flags.allowedHost === undefined ? undefined : '--allowed-host',
      flags.httpNoAuth ? '--http-no-auth' : undefined,
      flags.entraTenant === undefined ? undefined : '--entra-tenant',
      flags.entraAudience === undefined ? undefined : '--entra-audience',
      flags.entraAllowedTenants === undefined ? undefined : '--entra-allowed-tenants',
      flags.publicUrl === undefined ? undefined : '--public-url',
    ].filter((flag) => flag !== undefined);
    if (stray.length > 0) throw new ServerConfigError(`${stray.join(', ')} only apply with --http.`);
    return undefined;
  }
  const parsedPort = portSchema.safeParse(flags.port ?? '3000');
  if (!parsedPort.success) {
    throw new ServerConfigError(`--port must be a whole number from 0 to 65535, not "${flags.port}".`);
  }
  const host = flags.host ?? '127.0.0.1';
  // One token per client, separated by whitespace (which no token can contain).
  const tokens = splitHttpTokens(httpTokenValue(env));
  const entra = entraOptionsFrom(flags, env);
  const publicUrl = publicUrlFrom(flags, env);
  let auth: HttpAuth;
  if (entra !== undefined) {
    if (tokens.length > 0) {
      throw new ServerConfigError(
        `Entra sign-in (--entra-tenant) and static tokens (${httpTokenVariable}) contradict each other: a caller must be one or the other. Unset ${httpTokenVariable} (and ${httpTokenFileVariable}), or the Entra settings.`,
      );
    }
    if (flags.httpNoAuth) {
      throw new ServerConfigError(
        '--http-no-auth and Entra sign-in (--entra-tenant) contradict each other: drop one.',
      );
    }
    auth = entraAuthenticator({
      ...entra,
      ...(options.name === undefined ? {} : { resourceName: options.name }),
      keepAssertion: options.keepAssertion ?? false,
    });
  } else if (publicUrl !== undefined) {
    throw new ServerConfigError(
      `--public-url (${entraVariables.publicUrl}) names the endpoint in Entra's protected-resource metadata: it needs Entra sign-in (--entra-tenant, --entra-audience). Behind a proxy with static tokens, use --allowed-host.`,
    );
  } else if (flags.httpNoAuth) {
    if (tokens.length > 0) {
      throw new ServerConfigError(
        `--http-no-auth and ${httpTokenVariable} contradict each other: unset one of them.`,
      );
    }
    auth = { kind: 'none' };
  } else if (tokens.length === 0) {
    throw new ServerConfigError(
      `Serving over HTTP needs a bearer token: set ${httpTokenVariable} (or ${httpTokenFileVariable}) to at least ${minimumHttpTokenLength} random characters (e.g. \`openssl rand -hex 32\`); clients send it as "Authorization: Bearer <token>". For several clients, give each its own token, separated by whitespace. Or sign callers in with Entra ID: --entra-tenant and --entra-audience (\`permissions --entra\` prints the set-up).`,
    );
  } else {
    auth = { kind: 'bearer', tokens };
  }
  const allowedHosts = [...(flags.allowedHost ?? [])];
  if (publicUrl !== undefined) {
    const publicHost = publicHostOf(publicUrl);
    if (!allowedHosts.includes(publicHost)) allowedHosts.push(publicHost);
  }
  validateHttpOptions({ auth, host, port: parsedPort.data, allowedHosts });

  const warnings: string[] = [];
  if (auth.kind === 'none') {
    warnings.push(
      'WARNING: --http-no-auth: NO AUTHENTICATION. Any process on this machine can call this server and its tools. For local testing only.',
    );
  }
  if (!isLoopbackHost(host)) {
    warnings.push(
      `WARNING: listening on ${host}, reachable from other machines, over plain HTTP: the bearer token and tenant data travel unencrypted. Put the server behind a TLS-terminating reverse proxy and name the proxy's host with --allowed-host.`,
    );
  }
  return { host, port: parsedPort.data, auth, allowedHosts, warnings };
}

/**
 * How --http callers sign in, as the transport's authenticator: Entra ID (OAuth resource server),
 * static bearer tokens, or (loopback only) none. Refuses a bad or contradictory configuration with
 * a message that says what to fix.
 */
export async function httpAuthenticatorFromOptions(
  flags: HttpFlags,
  env: Record<string, string | undefined>,
  options: HttpSettingsOptions = {},
): Promise<HttpAuthenticator> {
  const settings = httpSettingsFrom({ ...flags, http: true }, env, options) as HttpSettings;
  const auth = settings.auth;
  if (typeof auth.authenticate === 'function') return auth as HttpAuthenticator;
  if (auth.kind === 'bearer' && 'tokens' in auth)
    return staticTokenAuthenticator(auth.tokens, options.name ?? 'm365-mcp');
  return noAuthAuthenticator();
}
