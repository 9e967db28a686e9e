import { z } from 'zod';
import { ServerConfigError } from '../config/load-config.js';
import { isLoopbackHost } from '../http/allowed-hosts.js';
import { minimumHttpTokenLength, splitHttpTokens } from '../http/bearer-token.js';
import { type HttpAuth, validateHttpOptions } from '../http/start-http-server.js';
import { httpTokenVariable } from './http-token-variable.js';

/** The command-line flags of the Streamable HTTP transport, as commander hands them over. */
export interface HttpFlags {
  http?: boolean;
  port?: string;
  host?: string;
  allowedHost?: string[];
  httpNoAuth?: boolean;
}

export interface HttpSettings {
  host: string;
  port: number;
  auth: HttpAuth;
  allowedHosts: string[];
  /** Warnings to print at start-up (plain HTTP off loopback, no authentication). */
  warnings: string[];
}

const portSchema = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(65_535));

/**
 * Turns the flags and the environment into HTTP settings, or refuses with a message that says
 * what to fix. Undefined when `--http` was not given (and then no HTTP flag may be either).
 */
export function httpSettingsFrom(
  flags: HttpFlags,
  env: Record<string, string | undefined>,
): HttpSettings | undefined {
  if (!flags.http) {
    const stray = [
      flags.port === undefined ? undefined : '--port',
      flags.host === undefined ? undefined : '--host',
      flags.allowedHost === undefined ? undefined : '--allowed-host',
      flags.httpNoAuth ? '--http-no-auth' : undefined,
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
  const tokens = splitHttpTokens(env[httpTokenVariable] ?? '');
  let auth: HttpAuth;
  if (flags.httpNoAuth) {
    if (tokens.length > 0) {
      throw new ServerConfigError(
        `--http-no-auth and ${httpTokenVariable} contradict each other: unset one of them.`,
      );
    }
    auth = { kind: 'none' };
  } else if (tokens.length === 0) {
    throw new ServerConfigError(
      `Serving over HTTP needs a bearer token: set ${httpTokenVariable} to at least ${minimumHttpTokenLength} random characters (e.g. \`openssl rand -hex 32\`); clients send it as "Authorization: Bearer <token>". For several clients, give each its own token, separated by whitespace.`,
    );
  } else {
    auth = { kind: 'bearer', tokens };
  }
  const allowedHosts = flags.allowedHost ?? [];
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
