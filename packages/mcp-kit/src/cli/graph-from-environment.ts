import { registerSecret } from '@m365-mcp/audit-log';
import { credentialFromEnvironment } from '@m365-mcp/auth';
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
}

/**
 * The one way a server reaches Graph (and the admin APIs beyond it), for the CLI, the demo and the
 * test harness alike: credentials and cloud from environment variables (Azure SDK conventions, the
 * M365_*_URL overrides), optional extra CA.
 */
export async function graphFromEnvironment(
  env: Record<string, string | undefined>,
  options: {
    ca?: string;
    managedIdentity?: boolean;
    /** Limits of the one scheduler (Microsoft's published ones by default). */
    scheduler?: SchedulerOptions;
  } = {},
): Promise<GraphConnection> {
  const cloud = resolveCloud(env);
  const { credential, description } = await credentialFromEnvironment({
    env,
    cloud,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.managedIdentity ? { managedIdentity: true } : {}),
    // Every secret the credential is built from is scrubbed from the audit log and our log lines.
    registerSecret,
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
  return { graph, admin, cloud, credential, description };
}
