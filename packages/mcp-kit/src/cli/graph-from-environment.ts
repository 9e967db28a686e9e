import { registerSecret } from '@m365-mcp/audit-log';
import { credentialFromEnvironment } from '@m365-mcp/auth';
import { type CloudProfile, createGraphClient, type GraphClient, resolveCloud } from '@m365-mcp/graph-core';

export interface GraphConnection {
  graph: GraphClient;
  cloud: CloudProfile;
  credential: Awaited<ReturnType<typeof credentialFromEnvironment>>['credential'];
  /** e.g. "client secret for app 1234…": for the start-up log line; never a secret. */
  description: string;
}

/**
 * The one way a server reaches Graph, for the CLI, the demo and the test harness alike:
 * credentials and cloud from environment variables (Azure SDK conventions), optional extra CA.
 */
export async function graphFromEnvironment(
  env: Record<string, string | undefined>,
  options: { ca?: string; managedIdentity?: boolean } = {},
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
  const graph = createGraphClient({
    credential,
    cloud,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  return { graph, cloud, credential, description };
}
