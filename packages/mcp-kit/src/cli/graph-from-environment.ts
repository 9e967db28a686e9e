import { registerSecret } from '@m365-mcp/audit-log';
import {
  ConfigurationError,
  credentialFromEnvironment,
  isUserSignIn,
  SIGN_IN_VARIABLE,
  type SignInMode,
  signInModeFromEnv,
  userSignInCredential,
} from '@m365-mcp/auth';
import {
  type AdminApis,
  type CloudProfile,
  createAdminApis,
  createGraphClient,
  type GraphClient,
  resolveCloud,
  Scheduler,
  type SchedulerOptions,
} from '@m365-mcp/graph-core';

export interface GraphConnection {
  graph: GraphClient;
  /**
   * The admin APIs beyond Graph (Exchange Online, Security & Compliance, Teams, Fabric, SharePoint
   * admin), with the same credential and cloud. Lazy: no token, connection or Graph read until a
   * tool first uses it.
   */
  admin: AdminApis;
  cloud: CloudProfile;
  credential: Awaited<ReturnType<typeof credentialFromEnvironment>>['credential'];
  /** e.g. "client secret for app 1234…": for the start-up log line; never a secret. */
  description: string;
  /** `app` (app-only, the default), `on-behalf-of`, or the admin's own sign-in (M365_MCP_SIGN_IN). */
  signIn: SignInMode;
}

/**
 * The one way a server reaches Graph (and the admin APIs beyond it), for the CLI, the demo and the
 * test harness alike: credentials and cloud from environment variables (Azure SDK conventions, the
 * M365_*_URL overrides), optional extra CA. With M365_MCP_SIGN_IN=device-code or azure-cli the
 * credential is the admin's own sign-in (delegated): Graph then enforces that admin's roles.
 */
export async function graphFromEnvironment(
  env: Record<string, string | undefined>,
  options: {
    ca?: string;
    managedIdentity?: boolean;
    /** Limits of the one scheduler (Microsoft's published ones by default). */
    scheduler?: SchedulerOptions;
    /** With a user sign-in: the Graph delegated scopes to ask for (device code; see userSignInCredential). */
    delegatedScopes?: readonly string[];
    /** With device code: where the prompt goes (stderr by default; never stdout, the protocol's). */
    prompt?: (message: string) => void;
  } = {},
): Promise<GraphConnection> {
  const cloud = resolveCloud(env);
  const signIn = signInModeFromEnv(env);
  if (isUserSignIn(signIn) && options.managedIdentity) {
    throw new ConfigurationError(
      `--managed-identity signs the app in, but ${SIGN_IN_VARIABLE}=${signIn} signs you in: use one of them.`,
      [SIGN_IN_VARIABLE],
    );
  }
  // With on-behalf-of, this connection is the app's own: the credential that makes the exchange,
  // checked by `check`; callers' Graph calls go through DelegatedConnections.
  const { credential, description } = !isUserSignIn(signIn)
    ? await credentialFromEnvironment({
        env,
        cloud,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.managedIdentity ? { managedIdentity: true } : {}),
        // Every secret the credential is built from is scrubbed from the audit log and our log lines.
        registerSecret,
      })
    : userSignInCredential({
        mode: signIn,
        env,
        cloud,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.delegatedScopes === undefined ? {} : { scopes: options.delegatedScopes }),
        ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
      });
  const ca = options.ca === undefined ? {} : { ca: options.ca };
  // One scheduler: Graph's workloads and each admin API have their own lanes in it.
  const scheduler = new Scheduler(options.scheduler);
  const graph = createGraphClient({ credential, cloud, scheduler, ...ca });
  // The tenant the InvokeCommand path names; without AZURE_TENANT_ID it comes from the token.
  const tenantId = env.AZURE_TENANT_ID?.trim();
  const admin = createAdminApis({
    credential,
    cloud,
    scheduler,
    graph,
    ...ca,
    ...(tenantId ? { tenantId } : {}),
  });
  return { graph, admin, cloud, credential, description, signIn };
}
