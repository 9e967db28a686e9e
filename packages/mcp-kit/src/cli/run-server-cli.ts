import { Command, CommanderError } from 'commander';
import { loadServerDefinition, type ServerSource } from '../server/server-card.js';
import { registerEntraCli } from './entra-cli.js';
import { httpTokenVariable } from './http-token-variable.js';
import type { RootFlags } from './root-flags.js';

export interface RunServerCliOptions {
  env?: Record<string, string | undefined>;
  /** Protocol output and command results; process.stdout by default. */
  stdout?: (text: string) => void;
  /** Logs; process.stderr by default. */
  stderr?: (text: string) => void;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * DESIGN "Every server's command line": no arguments = MCP server on stdio (read-only, configured
 * from the environment); `--demo`, `--allow-writes`, `--config`, `--audit-log`; `--http` (with
 * `--port`, `--host`, `--allowed-host`, `--http-no-auth`) for Streamable HTTP instead of stdio;
 * `permissions [--json] [--writes]`; `check [--writes] [--tenant <name>]`; `--tenants <file>` (or
 * M365_TENANTS_FILE) serves, or checks, every tenant of a registry. Resolves to the exit code.
 *
 * This module loads only commander: `--help`, `--version`, `permissions` and `check` need only the
 * server's card; serving loads the server's tools and the SDK when it runs.
 */
export async function runServerCli(
  definition: ServerSource,
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
    .option(
      '--output-schemas',
      "list each tool's output schema in tools/list (also M365_MCP_OUTPUT_SCHEMAS=true); off by default to save the model's context, results are typed either way",
    )
    .option('--config <file>', 'JSON config file (also M365_MCP_CONFIG)')
    .option('--audit-log <path>', 'audit log file (also M365_AUDIT_LOG)')
    .option(
      '--audit-key-file <file>',
      'the key that seals the audit log, kept apart from it (also M365_AUDIT_KEY_FILE; default ~/.m365-mcp/keys/audit.key, made on first use)',
    )
    .option('--managed-identity', 'sign in with the managed identity (also M365_USE_MANAGED_IDENTITY=true)')
    .option(
      '--tenants <file>',
      'serve the tenants of a registry file (also M365_TENANTS_FILE): every tool then takes a required `tenant`',
    )
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
      const { serve } = await import('./serve.js');
      exitCode = await serve(await loadServerDefinition(definition), flags, env, stderr);
    });

  program
    .command('permissions')
    .description(
      'the Graph application permissions this server needs, and what the admin APIs beyond Graph need, with ids, reasons, the steps and a requiredResourceAccess block',
    )
    .option('--json', 'machine-readable output')
    .option('--writes', 'include the permissions the write tools need')
    .option(
      '--delegated',
      'the delegated permissions and directory roles instead, for a signed-in admin (M365_MCP_SIGN_IN)',
    )
    .action(async (flags: { json?: boolean; writes?: boolean; delegated?: boolean }, command: Command) => {
      const { formatDelegatedPermissions, formatPermissions } = await import('@m365-mcp/auth');
      const writes = flags.writes ?? false;
      if (flags.delegated && flags.json) command.error('--delegated prints text for an admin: drop --json.');
      const text = flags.delegated
        ? formatDelegatedPermissions(definition.permissions, { writes })
        : formatPermissions(definition.permissions, { writes, json: flags.json ?? false });
      stdout(text.endsWith('\n') ? text : `${text}\n`);
    });

  program
    .command('check')
    .description(
      "sign in, read the token's roles and report missing and excess permissions (exit 1 if a Graph one is missing; the admin APIs beyond Graph only warn)",
    )
    .option('--writes', 'also require the permissions the write tools need')
    .option('--tenant <name>', 'with a tenants registry: check this tenant only (a name or tenant id)')
    .action(async (flags: { writes?: boolean; tenant?: string }) => {
      const root = program.opts<RootFlags>();
      const { tenantsFileFrom } = await import('./tenants-file.js');
      const tenantsFile = tenantsFileFrom(root, env);
      if (tenantsFile !== undefined) {
        const [{ loadServedRegistry }, { checkTenants }] = await Promise.all([
          import('./tenants-file.js'),
          import('./check-tenants.js'),
        ]);
        const registry = await loadServedRegistry(tenantsFile, {
          demo: root.demo ?? false,
          managedIdentity: root.managedIdentity ?? false,
        });
        exitCode = await checkTenants(
          definition,
          registry,
          { writes: flags.writes ?? false, tenant: flags.tenant },
          env,
          stdout,
        );
        return;
      }
      if (flags.tenant !== undefined) {
        stderr(
          `${definition.name} check: --tenant needs a tenants registry (--tenants <file> or M365_TENANTS_FILE); without one the environment names the tenant.\n`,
        );
        exitCode = 1;
        return;
      }
      const { check } = await import('./check.js');
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

  registerEntraCli(program, definition, { env, stdout });

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const { failureMessage } = await import('./failure-message.js');
    stderr(`${definition.name}: ${failureMessage(error, definition.name)}\n`);
    return 1;
  }
  return exitCode;
}
