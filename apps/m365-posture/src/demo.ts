// The demo: an in-process graph-sim with the demo tenant, and for each server an app registration
// holding exactly the read permissions that server declares (`<server> permissions --json`). The
// servers then run as they would against a real tenant: credentials from the environment, TLS
// trust from NODE_EXTRA_CA_CERTS, and the simulator refusing anything a server did not declare.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphSim } from '@m365-mcp/graph-sim';
import { loadGraphSim } from '@m365-mcp/mcp-kit/demo';
import { z } from 'zod';
import type { ServerCommand } from './servers.js';

const permissionsOutputSchema = z.object({
  permissions: z.array(z.object({ permission: z.string(), access: z.enum(['read', 'write']) })),
});

export interface DemoEnvironment {
  sim: GraphSim;
  /** Environment variables that point a server at the simulator as the given app. */
  envFor(server: ServerCommand): Record<string, string>;
  close(): Promise<void>;
}

/** The read permissions a server declares, from its own `permissions --json`. */
export function declaredReadPermissions(server: ServerCommand): string[] {
  const result = spawnSync(server.command, [...server.args, 'permissions', '--json'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${server.name} permissions --json failed: ${result.stderr.trim().split('\n').at(-1) ?? ''}`,
    );
  }
  const parsed = permissionsOutputSchema.parse(JSON.parse(result.stdout));
  return parsed.permissions.filter((p) => p.access === 'read').map((p) => p.permission);
}

export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  // The simulator is an optional package: named, with the command that brings it, when missing.
  const { startGraphSim } = await loadGraphSim('m365-posture');
  const sim = await startGraphSim();
  const scratch = mkdtempSync(join(tmpdir(), 'm365-posture-demo-'));
  const caFile = join(scratch, 'graph-sim-ca.pem');
  writeFileSync(caFile, sim.ca);
  // The demo servers' audit logs are scratch, and so is the key that seals them.
  const auditKeyFile = join(scratch, 'audit.key');
  writeFileSync(auditKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  // m365-compliance reads SPF, DKIM and DMARC from DNS: the demo's domains are answered by the
  // simulator's DNS server, never by the system resolver (they are not in public DNS).
  const complianceConfig = join(scratch, 'm365-compliance-config.json');
  writeFileSync(complianceConfig, JSON.stringify({ settings: { dnsServers: [sim.dns.address] } }));
  return {
    sim,
    envFor(server) {
      const app = sim.registerApp({
        displayName: `${server.name} (demo)`,
        roles: declaredReadPermissions(server),
      });
      if (!app.secret) throw new Error('graph-sim registered the demo app without a secret');
      return {
        AZURE_TENANT_ID: sim.tenantId,
        AZURE_CLIENT_ID: app.clientId,
        AZURE_CLIENT_SECRET: app.secret,
        AZURE_AUTHORITY_HOST: sim.url,
        M365_GRAPH_URL: sim.url,
        // The admin APIs beyond Graph are the simulator's too: never Microsoft's, whatever is granted.
        M365_EXCHANGE_URL: sim.serviceUrls.exchange,
        M365_COMPLIANCE_URL: sim.serviceUrls.compliance,
        M365_TEAMS_ADMIN_URL: sim.serviceUrls.teams,
        M365_FABRIC_URL: sim.serviceUrls.fabric,
        M365_SHAREPOINT_ADMIN_URL: sim.serviceUrls.sharepointAdmin,
        NODE_EXTRA_CA_CERTS: caFile,
        M365_AUDIT_LOG: join(scratch, `${server.name}-audit.jsonl`),
        M365_AUDIT_KEY_FILE: auditKeyFile,
        ...(server.name === 'm365-compliance' ? { M365_MCP_CONFIG: complianceConfig } : {}),
      };
    },
    async close() {
      await sim.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
