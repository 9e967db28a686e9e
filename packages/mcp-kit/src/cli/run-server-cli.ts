import { AuditLogError } from '@m365-mcp/audit-log';
import { checkPermissions, formatPermissionCheck, formatPermissions } from '@m365-mcp/auth';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { createServer } from '../server/create-server.js';
import type { ServerDefinition } from '../server/server-definition.js';
import { describeError } from '../tools/error-result.js';
import { startDemoTenant } from './demo-tenant.js';
import { graphFromEnvironment } from './graph-from-environment.js';
import { type HttpFlags, httpSettingsFrom, httpTokenVariable } from './http-flags.js';
import { openServerAuditLog } from './open-server-audit-log.js';
import { serveOnTransport } from './transport.js';

export interface RunServerCliOptions {
  env?: Record<string, string | undefined>;
  /** Protocol output and command results; process.stdout by default. */
  stdout?: (text: string) => void;
  /** Logs; process.stderr by default. */
  stderr?: (text: string) => void;
}

interface RootFlags extends HttpFlags {
  demo?: boolean;
  allowWrites?: boolean;
  config?: string;
  auditLog?: string;
  auditKeyFile?: string;
  managedIdentity?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * DESIGN "Every server's command line": no arguments = MCP server on stdio (read-only, configured
 * from the environment); `--demo`, `--allow-writes`, `--config`, `--audit-log`; `--http` (with
 * `--port`, `--host`, `--allowed-host`, `--http-no-auth`) for Streamable HTTP instead of stdio;
 * `permissions [--json] [--writes]`; `check [--writes]`. Resolves to the exit code.
 */
export async function runServerCli(
  definition: ServerDefinition,
  argv: readonly string[] = process.argv,
  options: RunServerCliOptions = {},
): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  let exitCode = 0;

  const program = new Command(definition.name)
    .description(
      `${definition.title}: an MCP server for Microsoft 365 (stdio, or Streamable HTTP with --http). Logs go to stderr.`,
    )
    .version(definition.version)
    .option('--demo', 'run against an in-process demo tenant (graph-sim); no credentials needed')
    .option(
      '--allow-writes',
      'register the write tools (each write is planned, confirmed, applied and logged)',
    )
    .option('--config <file>', 'JSON config file (also M365_MCP_CONFIG)')
    .option('--audit-log <path>', 'audit log file (also M365_AUDIT_LOG)')
    .option(
      '--audit-key-file <file>',
      'the key that seals the audit log, kept apart from it (also M365_AUDIT_KEY_FILE; default ~/.m365-mcp/keys/audit.key, made on first use)',
    )
    .option('--managed-identity', 'sign in with the managed identity (also M365_USE_MANAGED_IDENTITY=true)')
    .option(
      '--http',
      `serve MCP over Streamable HTTP at http://<host>:<port>/mcp instead of stdio; clients must send the bearer token in ${httpTokenVariable}`,
    )
    .option('--port <n>', 'HTTP port (default 3000; 0 = any free port)')
    .option(
      '--host <address>',
      'HTTP listen address (default 127.0.0.1; anything else is reachable from other machines)',
    )
    .option(
      '--allowed-host <host>',
      'another Host name to accept, e.g. the public name of a TLS reverse proxy (repeatable)',
      collect,
    )
    .option(
      '--http-no-auth',
      'LOCAL TESTING ONLY: no bearer token; refused unless --host is a loopback address',
    )
    .exitOverride()
    .configureOutput({ writeOut: stdout, writeErr: stderr })
    .action(async (flags: RootFlags) => {
      exitCode = await serve(definition, flags, env, stderr);
    });

  program
    .command('permissions')
    .description(
      'the Graph application permissions this server needs, with ids, reasons and a requiredResourceAccess block',
    )
    .option('--json', 'machine-readable output')
    .option('--writes', 'include the permissions the write tools need')
    .action((flags: { json?: boolean; writes?: boolean }) => {
      const text = formatPermissions(definition.permissions, {
        writes: flags.writes ?? false,
        json: flags.json ?? false,
      });
      stdout(text.endsWith('\n') ? text : `${text}\n`);
    });

  program
    .command('check')
    .description(
      "sign in, read the token's roles and report missing and excess permissions (exit 1 if any is missing)",
    )
    .option('--writes', 'also require the permissions the write tools need')
    .action(async (flags: { writes?: boolean }) => {
      const root = program.opts<RootFlags>();
      exitCode = await check(
        definition,
        {
          writes: flags.writes ?? false,
          demo: root.demo ?? false,
          managedIdentity: root.managedIdentity ?? false,
        },
        env,
        stdout,
      );
    });

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // A refused audit log says what is wrong and what to run; it is no internal error.
    if (error instanceof AuditLogError) {
      stderr(`${definition.name}: ${error.message}\n`);
      return 1;
    }
    stderr(`${definition.name}: ${describeError(error, definition.name).message}\n`);
    return 1;
  }
  return exitCode;
}

async function serve(
  definition: ServerDefinition,
  flags: RootFlags,
  env: Record<string, string | undefined>,
  stderr: (text: string) => void,
): Promise<number> {
  // HTTP settings are checked before anything starts: a missing token must not cost a demo tenant.
  const http = httpSettingsFrom(flags, env);
  const config = await loadConfig({ server: definition.name, flags, env });
  // First, so a log that was cut or rewritten stops the server before anything starts.
  const auditLog = await openServerAuditLog(config, definition.name, stderr);
  try {
    const demo = config.demo
      ? await startDemoTenant({ manifest: definition.permissions, writes: config.allowWrites })
      : undefined;
    try {
      const connection = demo
        ? await graphFromEnvironment(demo.env, { ca: demo.sim.ca })
        : await graphFromEnvironment(env, { managedIdentity: flags.managedIdentity ?? false });
      try {
        const deps = {
          graph: connection.graph,
          auditLog,
          config,
          allowWrites: config.allowWrites,
          stderr,
        };
        const describe = (transport: string) =>
          `${definition.name} ${definition.version}: MCP server on ${transport}, ${config.allowWrites ? 'WRITES ENABLED' : 'read-only'}, ${
            demo ? `demo tenant ${demo.sim.tenantId} (graph-sim)` : connection.description
          }, audit log ${config.auditLogPath}`;
        if (http) {
          // Only --http loads the HTTP server and the SDK's Streamable HTTP transport.
          const { serveHttpUntilSignal } = await import('./serve-http-until-signal.js');
          await serveHttpUntilSignal({
            name: definition.name,
            settings: http,
            // Each session gets its own server, so its own write plans; all share Graph and the audit log.
            createSession: ({ caller }) => createServer(definition, { ...deps, caller }),
            describe: (url) => describe(`Streamable HTTP at ${url.href}`),
            stderr,
          });
        } else {
          const server = createServer(definition, deps);
          stderr(`${describe('stdio')}\n`);
          const stop = () => void server.close();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          await serveOnTransport(server, 'stdio');
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      } finally {
        await connection.graph.close();
      }
    } finally {
      await demo?.sim.close();
    }
  } finally {
    await auditLog.close();
  }
  return 0;
}

async function check(
  definition: ServerDefinition,
  options: { writes: boolean; demo: boolean; managedIdentity: boolean },
  env: Record<string, string | undefined>,
  stdout: (text: string) => void,
): Promise<number> {
  const demo = options.demo
    ? await startDemoTenant({ manifest: definition.permissions, writes: options.writes })
    : undefined;
  try {
    const connection = demo
      ? await graphFromEnvironment(demo.env, { ca: demo.sim.ca })
      : await graphFromEnvironment(env, { managedIdentity: options.managedIdentity });
    const report = await checkPermissions(connection.credential, definition.permissions, {
      writes: options.writes,
      cloud: connection.cloud,
    });
    await connection.graph.close();
    const text = formatPermissionCheck(report);
    stdout(text.endsWith('\n') ? text : `${text}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await demo?.sim.close();
  }
}
