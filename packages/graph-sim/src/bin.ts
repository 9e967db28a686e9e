#!/usr/bin/env node
// graph-sim [--port N] [--host H] [--throttling off|faithful] [--ca-file path] [--tenants N [--tenants-file path]]
// Starts the demo tenant (and N generated tenants beside it, the app consented in each) with one app that holds every permission the routes need (Graph's, and what
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
import { generateTenant } from './tenant/generate/tenant.js';
import { portfolioRegistry, portfolioTenantName } from './tenants/portfolio-registry.js';

/** The variables a client reads each admin API's base URL from (graph-core's names). */
const SERVICE_URL_VARIABLES: Record<SimService, string> = {
  exchange: 'M365_EXCHANGE_URL',
  compliance: 'M365_COMPLIANCE_URL',
  teams: 'M365_TEAMS_ADMIN_URL',
  fabric: 'M365_FABRIC_URL',
  sharepointAdmin: 'M365_SHAREPOINT_ADMIN_URL',
};

const USAGE = `Usage: graph-sim [--port N] [--host H] [--throttling off|faithful] [--ca-file path]
                 [--tenants N [--tenants-file path]]

An HTTPS Microsoft Graph and Entra ID simulator serving the demo tenant "Contoso".
  --port N             port to listen on (default: a free port)
  --host H             address to listen on (default 127.0.0.1)
  --throttling M       off (default) or faithful (Microsoft's documented limits), per tenant
  --ca-file path       where to write the simulator's CA certificate (default: a temporary file)
  --tenants N          also host N generated tenants (tenant-01, tenant-02, ...), the app consented in each
  --tenants-file path  write a tenants registry for them (and Contoso) there; its secret comes from
                       AZURE_CLIENT_SECRET
`;

/** Enough for a benchmark's portfolio; each generated tenant costs about 1 MB. */
const MAX_TENANTS = 1000;

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  throttling: z.enum(['off', 'faithful']).default('off'),
  'ca-file': z.string().min(1).optional(),
  tenants: z.coerce.number().int().min(0).max(MAX_TENANTS).default(0),
  'tenants-file': z.string().min(1).optional(),
  help: z.boolean().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      throttling: { type: 'string' },
      'ca-file': { type: 'string' },
      tenants: { type: 'string' },
      'tenants-file': { type: 'string' },
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
  if (options['tenants-file'] && options.tenants === 0) {
    process.stderr.write('graph-sim: --tenants-file needs --tenants N (N generated tenants)\n\n');
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  const generated = Array.from({ length: options.tenants }, (_, i) =>
    generateTenant({ seed: i + 1, name: portfolioTenantName(i + 1, options.tenants) }),
  );
  const sim = await startGraphSim({
    port: options.port,
    host: options.host,
    throttling: options.throttling,
    tenants: generated,
  });
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
  for (const tenant of generated) sim.consent(tenant.id, app.clientId);
  const registry = portfolioRegistry(app.clientId, [sim.tenant, ...generated]);
  if (options['tenants-file']) {
    // No secret in it: the registry names the variable the secret is read from.
    writeFileSync(options['tenants-file'], `${JSON.stringify(registry, null, 2)}\n`, { mode: 0o644 });
  }
  const tenantLines =
    generated.length === 0
      ? []
      : [
          '',
          `# ${generated.length} more tenants, the app consented in each (name, tenant id, registry entry):`,
          ...registry.tenants
            .slice(1)
            .map((entry) => `# ${entry.name} ${entry.tenantId} ${JSON.stringify(entry)}`),
          options['tenants-file']
            ? `# Tenants registry (every tenant, Contoso first): ${options['tenants-file']}`
            : '# Write them all as a tenants registry with --tenants-file <path>.',
        ];

  process.stdout.write(
    [
      `graph-sim: tenant ${sim.tenant.displayName} (${sim.tenantId}) at ${sim.url}, throttling ${options.throttling}`,
      `graph-sim: app ${app.clientId} holds ${app.roles.length} application permissions`,
      ...tenantLines,
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
