// How a server signs in to Graph: as its own app (the default, app-only), or as the admin at the
// keyboard (delegated), for trying a server without creating an app secret.
import { ConfigurationError } from '../errors.js';

/** The variable that chooses; documented in the README ("Signing in as yourself"). */
export const SIGN_IN_VARIABLE = 'M365_MCP_SIGN_IN';

/**
 * `app`: the app registration's own credential (client secret, certificate, managed identity...).
 * `device-code`: the admin signs in in a browser with a code printed on stderr.
 * `azure-cli`: the admin's `az login` session.
 */
export type SignInMode = 'app' | 'device-code' | 'azure-cli';

const modes: readonly SignInMode[] = ['app', 'device-code', 'azure-cli'];

/** The sign-in mode the environment asks for; `app` when unset or blank. */
export function signInModeFromEnv(env: Record<string, string | undefined>): SignInMode {
  const value = env[SIGN_IN_VARIABLE]?.trim().toLowerCase();
  if (value === undefined || value === '') return 'app';
  if ((modes as readonly string[]).includes(value)) return value as SignInMode;
  throw new ConfigurationError(
    `${SIGN_IN_VARIABLE} must be one of ${modes.join(', ')}; got "${env[SIGN_IN_VARIABLE]}".`,
    [SIGN_IN_VARIABLE],
  );
}
