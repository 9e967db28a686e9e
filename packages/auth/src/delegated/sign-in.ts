// How a server signs in to Graph: as its own app (the default, app-only), as each signed-in caller
// of its HTTP endpoint (on-behalf-of), or as the admin at the keyboard (device code, Azure CLI), for
// trying a server without creating an app secret.
import { ConfigurationError } from '../errors.js';

/** The variable that chooses; documented in the README ("Signing in as a person"). */
export const SIGN_IN_VARIABLE = 'M365_MCP_SIGN_IN';

/**
 * `app`: the app registration's own credential (client secret, certificate, managed identity...).
 * `on-behalf-of`: over --http with Entra sign-in, Graph is called as each caller; the app's own
 * credential (secret, certificate or federated token) makes the exchange.
 * `device-code`: the admin signs in in a browser with a code printed on stderr.
 * `azure-cli`: the admin's `az login` session.
 */
export type SignInMode = 'app' | 'on-behalf-of' | 'device-code' | 'azure-cli';

/** The modes in which the process itself signs in as a person. */
export type UserSignInMode = Extract<SignInMode, 'device-code' | 'azure-cli'>;

const modes: readonly SignInMode[] = ['app', 'on-behalf-of', 'device-code', 'azure-cli'];

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

/** Whether the process signs in as a person (device code, Azure CLI) rather than as the app. */
export function isUserSignIn(mode: SignInMode): mode is UserSignInMode {
  return mode === 'device-code' || mode === 'azure-cli';
}
