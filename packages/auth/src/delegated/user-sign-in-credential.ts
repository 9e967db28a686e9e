// The admin's own sign-in, for trying a server locally without an app secret: a device code (a
// browser on any machine) or the Azure CLI's session. Graph then enforces that admin's directory
// roles, and Graph's activity log names them.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { CloudProfile } from '@m365-mcp/graph-core';
import { identityClientOptions } from '../authority.js';
import { ConfigurationError } from '../errors.js';
import { LazyCredential, loadIdentity } from '../lazy-credential.js';
import { SIGN_IN_VARIABLE, type UserSignInMode } from './sign-in.js';

/**
 * "Microsoft Graph Command Line Tools", Microsoft's first-party public client (the one Microsoft
 * Graph PowerShell's Connect-MgGraph signs in with): it may ask for any Graph delegated scope, which
 * an admin consents to at first sign-in. Used for device code when AZURE_CLIENT_ID names no public
 * client of the admin's own.
 */
export const graphCommandLineToolsClientId = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/** Variables that give the app its own identity: they contradict signing in as a user. */
const APP_CREDENTIAL_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_KEY_VAULT_URL',
  'M365_CLIENT_SECRET_NAME',
  'M365_ACCESS_TOKEN',
  'M365_USE_MANAGED_IDENTITY',
] as const;

export interface UserSignInOptions {
  mode: UserSignInMode;
  env: Record<string, string | undefined>;
  cloud: CloudProfile;
  /** PEM CA bundle to trust for the authority (a simulator or private endpoint). */
  ca?: string;
  /**
   * Where the device code prompt goes. Never stdout: on stdio, stdout is the MCP protocol. Defaults
   * to process.stderr.
   */
  prompt?: (message: string) => void;
  /**
   * The Graph delegated scopes to ask for at sign-in (e.g. `SecurityIncident.Read.All`), for device
   * code: a client such as Microsoft's first-party one has no pre-consented scopes, so `.default`
   * would bring none. Without it, `.default` (what an own app registration was granted).
   */
  scopes?: readonly string[];
}

export interface UserSignInCredential {
  credential: TokenCredential;
  mode: UserSignInMode;
  /** For the start-up log line; never a secret. */
  description: string;
}

/** The admin's own sign-in the environment asks for (M365_MCP_SIGN_IN=device-code or azure-cli). */
export function userSignInCredential(options: UserSignInOptions): UserSignInCredential {
  const { env, mode } = options;
  const conflicting = APP_CREDENTIAL_VARIABLES.filter((name) => (env[name]?.trim() ?? '') !== '');
  if (conflicting.length > 0) {
    throw new ConfigurationError(
      `${SIGN_IN_VARIABLE}=${mode} signs in as you, but ${conflicting.join(', ')} ${
        conflicting.length === 1 ? 'is' : 'are'
      } set for the app's own sign-in: unset ${conflicting.length === 1 ? 'it' : 'them'}, or unset ${SIGN_IN_VARIABLE}.`,
      [SIGN_IN_VARIABLE, ...conflicting],
    );
  }
  const tenantId = env.AZURE_TENANT_ID?.trim() || undefined;
  const client = identityClientOptions(options.cloud, options.ca);
  if (mode === 'azure-cli') {
    return {
      mode,
      credential: new LazyCredential(
        async () => new (await loadIdentity()).AzureCliCredential(tenantId === undefined ? {} : { tenantId }),
      ),
      description: `your Azure CLI sign-in (az login)${tenantId === undefined ? '' : ` in tenant ${tenantId}`}`,
    };
  }
  const clientId = env.AZURE_CLIENT_ID?.trim() || graphCommandLineToolsClientId;
  const prompt = options.prompt ?? ((message: string) => void process.stderr.write(`${message}\n`));
  const deviceCode = new LazyCredential(
    async () =>
      new (await loadIdentity()).DeviceCodeCredential({
        ...client,
        clientId,
        tenantId: tenantId ?? 'organizations',
        userPromptCallback: (info) => prompt(info.message),
      }),
  );
  const credential =
    options.scopes === undefined || options.scopes.length === 0
      ? deviceCode
      : new ExplicitScopesCredential(deviceCode, options.cloud.graphScope, options.scopes);
  return {
    mode,
    credential,
    description: `your sign-in by device code (client ${
      clientId === graphCommandLineToolsClientId ? 'Microsoft Graph Command Line Tools' : clientId
    }${tenantId === undefined ? '' : `, tenant ${tenantId}`})`,
  };
}

/**
 * Asks for named delegated scopes where the Graph client asks for `<graph>/.default`: a public
 * client then gets exactly the scopes the tools need (the admin consents to them once).
 */
class ExplicitScopesCredential implements TokenCredential {
  readonly #scopes: string[];

  constructor(
    private readonly inner: TokenCredential,
    private readonly graphDefaultScope: string,
    scopes: readonly string[],
  ) {
    const resource = graphDefaultScope.replace(/\/\.default$/, '');
    this.#scopes = [...new Set(scopes)].map((scope) => `${resource}/${scope}`);
  }

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const asked = typeof scopes === 'string' ? [scopes] : scopes;
    const mapped = asked.length === 1 && asked[0] === this.graphDefaultScope ? this.#scopes : asked;
    return this.inner.getToken(mapped, options);
  }
}
