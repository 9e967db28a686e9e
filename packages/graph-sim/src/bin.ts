#!/usr/bin/env node
// graph-sim [--port N] [--host H] [--throttling off|faithful] [--ca-file path]
// Starts the demo tenant with one app that holds every permission the routes need (Graph's, and what
// the admin APIs beyond Graph ask of an app), and prints the environment that points a server at
// it. The app's secret goes to this terminal once, nowhere else.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type SimService, serviceResourceAppIds } from './entra/resources.js';
import { requiredRoles } from './permissions/route-permissions.js';
import { allRoutes } from './routes/index.js';
import { startGraphSim } from './server.js';
import { roleTemplateIds } from './tenant/demo/directory/wellKnown.js';

/** The variables a client reads each admin API's base URL from (graph-core's names). */
const SERVICE_URL_VARIABLES: Record<SimService, string> = {
  exchange: 'M365_EXCHANGE_URL',
  compliance: 'M365_COMPLIANCE_URL',
  teams: 'M365_TEAMS_ADMIN_URL',
  fabric: 'M365_FABRIC_URL',
  sharepointAdmin: 'M365_SHAREPOINT_ADMIN_URL',
};

const USAGE = `Usage: graph-sim [--port N] [--host H] [--throttling off|faithful] [--ca-file path]

An HTTPS Microsoft Graph and Entra ID simulator serving the demo tenant "Contoso".
  --port N          port to listen on (default: a free port)
  --host H          address to listen on (default 127.0.0.1)
  --throttling M    off (default) or faithful (Microsoft's documented limits)
  --ca-file path    where to write the simulator's CA certificate (default: a temporary file)
`;

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  throttling: z.enum(['off', 'faithful']).default('off'),
  'ca-file': z.string().min(1).optional(),
  help: z.boolean().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      throttling: { type: 'string' },
      'ca-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success || parsed.data.help) {
    if (!parsed.success)
      process.stderr.write(
        `graph-sim: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n\n`,
      );
    process.stderr.write(USAGE);
    process.exitCode = parsed.success ? 0 : 2;
    return;
  }
  const options = parsed.data;
  const sim = await startGraphSim({ port: options.port, host: options.host, throttling: options.throttling });
  const temporaryDir = options['ca-file'] ? undefined : mkdtempSync(join(tmpdir(), 'graph-sim-'));
  const caFile = options['ca-file'] ?? join(temporaryDir as string, 'graph-sim-ca.pem');
  // The certificate is public (no private key); readable by whichever process trusts it.
  writeFileSync(caFile, sim.ca, { mode: 0o644 });
  // SharePoint's admin API takes only certificate-signed app tokens, as the real one does: with this
  // app's secret it answers 401, which the audit reports as that service skipped.
  const app = sim.registerApp({
    displayName: 'graph-sim demo app',
    roles: requiredRoles(allRoutes),
    serviceRoles: { [serviceResourceAppIds.exchangeOnline]: ['Exchange.ManageAsApp'] },
    directoryRoles: [roleTemplateIds.globalReader, roleTemplateIds.teamsAdministrator],
    fabricAdminApiAccess: true,
  });

  process.stdout.write(
    [
      `graph-sim: tenant ${sim.tenant.displayName} (${sim.tenantId}) at ${sim.url}, throttling ${options.throttling}`,
      `graph-sim: app ${app.clientId} holds ${app.roles.length} application permissions`,
      '',
      '# Point a server at the simulator:',
      `AZURE_TENANT_ID=${sim.tenantId}`,
      `AZURE_CLIENT_ID=${app.clientId}`,
      `AZURE_CLIENT_SECRET=${app.secret ?? ''}`,
      `AZURE_AUTHORITY_HOST=${sim.url}`,
      `M365_GRAPH_URL=${sim.url}`,
      ...Object.entries(SERVICE_URL_VARIABLES).map(
        ([service, variable]) => `${variable}=${sim.serviceUrls[service as SimService]}`,
      ),
      `NODE_EXTRA_CA_CERTS=${caFile}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`graph-sim: ${signal}, stopping\n`);
    sim
      .close()
      .catch((error: unknown) => process.stderr.write(`graph-sim: ${String(error)}\n`))
      .finally(() => {
        if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`graph-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
