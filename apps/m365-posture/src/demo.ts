// The demo: an in-process graph-sim with the demo tenant, and for each server an app registration
// holding exactly the read permissions that server declares (`<server> permissions --json`), and
// what the admin APIs beyond Graph it reads ask of an app. The servers then run as they would
// against a real tenant: credentials from the environment, TLS trust from NODE_EXTRA_CA_CERTS, and
// the simulator refusing anything a server did not declare.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceRequirement } from '@m365-mcp/auth';
import type { GraphSim } from '@m365-mcp/graph-sim';
import { type DemoTenant, loadGraphSim, registerSimApp } from '@m365-mcp/mcp-kit/demo';
import { z } from 'zod';
import type { ServerCommand } from './servers.js';

const permissionsOutputSchema = z.object({
  permissions: z.array(z.object({ permission: z.string(), access: z.enum(['read', 'write']) })),
  services: z
    .array(
      z.object({
        // A server's own manifest names the service; the simulator grants only those it knows.
        service: z.string().transform((name) => name as ServiceRequirement['service']),
        resource: z.string(),
        resourceAppId: z.string(),
        appRole: z.object({ permission: z.string(), id: z.string() }).optional(),
        directoryRoles: z.array(z.object({ name: z.string(), templateId: z.string() })),
        serviceSetting: z.string().optional(),
        reason: z.string(),
      }),
    )
    .default([]),
});

export interface DemoEnvironment {
  sim: GraphSim;
  /** Environment variables that point a server at the simulator as the given app. */
  envFor(server: ServerCommand): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface DeclaredPermissions {
  /** The Graph application permissions it reads with. */
  read: string[];
  /** The admin APIs beyond Graph it reads, and what each asks of an app. */
  services: ServiceRequirement[];
}

/** What a server declares it reads with, from its own `permissions --json`. */
export function declaredPermissions(server: ServerCommand): DeclaredPermissions {
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
  return {
    read: parsed.permissions.filter((p) => p.access === 'read').map((p) => p.permission),
    services: parsed.services.map(({ appRole, serviceSetting, ...rest }) => ({
      ...rest,
      ...(appRole === undefined ? {} : { appRole }),
      ...(serviceSetting === undefined ? {} : { serviceSetting }),
    })),
  };
}

/**
 * The files the demo's servers need beside the simulator, in one scratch folder: the simulator's CA
 * (trusted through NODE_EXTRA_CA_CERTS), a scratch audit key, and m365-compliance's config pointing
 * its DNS reads at the simulator. Shared by --demo and --demo-portfolio.
 */
export interface DemoScratch {
  /** The variables (no credential) that a server needs to run against the simulator. */
  serverEnv(server: string, tenant?: string): Record<string, string>;
  remove(): void;
}

export function createDemoScratch(sim: GraphSim): DemoScratch {
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
    serverEnv(server, tenant) {
      return {
        NODE_EXTRA_CA_CERTS: caFile,
        M365_AUDIT_LOG: join(scratch, `${tenant === undefined ? '' : `${tenant}-`}${server}-audit.jsonl`),
        M365_AUDIT_KEY_FILE: auditKeyFile,
        ...(server === 'm365-compliance' ? { M365_MCP_CONFIG: complianceConfig } : {}),
      };
    },
    remove() {
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  // The simulator is an optional package: named, with the command that brings it, when missing.
  const { startGraphSim } = await loadGraphSim('m365-posture');
  const sim = await startGraphSim();
  const scratch = createDemoScratch(sim);
  const apps: DemoTenant[] = [];
  return {
    sim,
    async envFor(server) {
      const declared = declaredPermissions(server);
      const app = await registerSimApp(sim, `${server.name} (demo)`, declared.read, declared.services);
      apps.push(app);
      // Credentials (a certificate where SharePoint's admin API asks for one), the sign-in and
      // Graph hosts, and every admin API URL: the simulator's, never Microsoft's.
      return { ...app.env, ...scratch.serverEnv(server.name) };
    },
    async close() {
      for (const app of apps) await app.release();
      await sim.close();
      scratch.remove();
    },
  };
}
