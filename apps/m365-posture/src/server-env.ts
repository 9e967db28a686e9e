// The environment each server is started with outside the demo. One app registration for every
// server would need the union of their permissions; instead each server may have its own, given as
// variables prefixed with its name: M365_IDENTITY__AZURE_CLIENT_ID, M365_IDENTITY__AZURE_CLIENT_SECRET.
import { credentialVariables } from '@m365-mcp/auth';

/** `m365-identity` -> `M365_IDENTITY__`. */
export function serverEnvPrefix(server: string): string {
  return `${server.toUpperCase().replaceAll(/[^A-Z0-9]/g, '_')}__`;
}

// A variable scoped to an m365-mcp server, present or not: M365_<NAME>__<VARIABLE>.
const M365_SCOPED = /^M365_[A-Z0-9_]+?__[A-Z0-9_]+$/;

/**
 * The caller's environment as `server` should see it:
 * - variables with the server's prefix replace the unprefixed ones of the same name;
 * - when the server has a credential variable of its own, none of the shared credential variables
 *   reach it (no mixing of two apps' settings, and no shared secret where it is not needed);
 * - no server sees variables scoped to another (their credentials): to any server of this run
 *   (`servers`) or to any m365-mcp server (`M365_…__`).
 * Variables that would make a Node child behave unlike the user's shell are dropped too.
 */
export function environmentFor(
  server: string,
  env: Readonly<Record<string, string | undefined>>,
  servers: readonly string[] = [server],
): Record<string, string> {
  const prefix = serverEnvPrefix(server);
  const otherPrefixes = servers.filter((name) => name !== server).map(serverEnvPrefix);
  const scopedToAnother = (key: string) =>
    M365_SCOPED.test(key) || otherPrefixes.some((other) => key.startsWith(other));
  const shared: Record<string, string> = {};
  const own: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key === 'NODE_OPTIONS' || key.startsWith('VITEST')) continue;
    if (key.startsWith(prefix) && key.length > prefix.length) own[key.slice(prefix.length)] = value;
    else if (!scopedToAnother(key)) shared[key] = value;
  }
  const ownsCredential = credentialVariables.some((name) => name !== 'AZURE_TENANT_ID' && name in own);
  if (ownsCredential)
    for (const name of credentialVariables) if (name !== 'AZURE_TENANT_ID') delete shared[name];
  return { ...shared, ...own };
}
