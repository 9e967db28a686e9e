// The fuzz run: one graph-sim for all, and each server in turn under its own app registration,
// holding its read and write permissions, with a recognisable random client secret and audit key
// that must never come back out.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphSim } from '@m365-mcp/graph-sim';
import { simulatorUrls } from '@m365-mcp/mcp-kit/demo';
import { z } from 'zod';
import { type FuzzOptions, fuzzServer, type ServerSummary } from './fuzz-server.ts';

export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
}

const permissionsSchema = z.object({ permissions: z.array(z.object({ permission: z.string() })) });

/** Every permission a server declares, writes included: it runs with --allow-writes. */
function declaredPermissions(server: ServerCommand): string[] {
  const run = spawnSync(server.command, [...server.args, 'permissions', '--json', '--writes'], {
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`${server.name} permissions --json --writes failed: ${run.stderr.trim()}`);
  return permissionsSchema.parse(JSON.parse(run.stdout)).permissions.map((p) => p.permission);
}

export async function runFuzz(
  servers: readonly ServerCommand[],
  options: FuzzOptions,
  /** Told as each server's run ends, so that a long run shows progress. */
  onServerDone: (summary: ServerSummary) => void = () => undefined,
): Promise<ServerSummary[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'm365-fuzz-'));
  const sim = await startGraphSim();
  try {
    const caFile = join(scratch, 'graph-sim-ca.pem');
    writeFileSync(caFile, sim.ca);
    const summaries: ServerSummary[] = [];
    for (const server of servers) {
      const secret = `fuzz-secret-${randomBytes(24).toString('hex')}`;
      const app = sim.registerApp({
        displayName: `${server.name} (fuzz)`,
        roles: declaredPermissions(server),
        secret,
      });
      const home = join(scratch, server.name);
      mkdirSync(home);
      // The audit key is a secret too: configured, so the scans know what to look for.
      const auditKey = `fuzz-audit-key-${randomBytes(24).toString('hex')}`;
      const auditKeyFile = join(home, 'audit.key');
      writeFileSync(auditKeyFile, auditKey, { mode: 0o600 });
      const summary = await fuzzServer(
        {
          ...server,
          secrets: [secret, auditKey],
          auditLog: join(home, 'audit.jsonl'),
          env: {
            PATH: process.env.PATH ?? '',
            HOME: home,
            AZURE_TENANT_ID: sim.tenantId,
            AZURE_CLIENT_ID: app.clientId,
            AZURE_CLIENT_SECRET: secret,
            // The admin APIs beyond Graph are the simulator's too (the app holds none of their
            // grants: their controls are skipped), never Microsoft's hosts.
            ...simulatorUrls(sim),
            NODE_EXTRA_CA_CERTS: caFile,
          },
        },
        options,
      );
      summaries.push(summary);
      onServerDone(summary);
    }
    return summaries;
  } finally {
    await sim.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
