// The Entra sign-in part of every server's command line: the root flags of --http sign-in and
// `permissions --entra`. One call from run-server-cli.ts registers them.
import type { Command } from 'commander';
import { entraVariables } from './entra-variables.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerEntraCli(
  program: Command,
  definition: { name: string; title: string },
  io: { env: Record<string, string | undefined>; stdout: (text: string) => void },
): void {
  program
    .option(
      '--entra-tenant <id>',
      `with --http: callers sign in with Entra ID; the server app's home tenant id (also ${entraVariables.tenant})`,
    )
    .option(
      '--entra-audience <uri or client id>',
      `with --entra-tenant: the server app's Application ID URI and/or client id, as tokens carry it (repeatable; also ${entraVariables.audience})`,
      collect,
    )
    .option(
      '--entra-allowed-tenants <ids>',
      `with --entra-tenant: the tenant ids whose users may call, comma-separated (default: the home tenant; also ${entraVariables.allowedTenants})`,
    )
    .option(
      '--public-url <url>',
      `with --entra-tenant: the MCP endpoint as clients reach it behind a reverse proxy (also ${entraVariables.publicUrl})`,
    );
  const permissions = program.commands.find((command) => command.name() === 'permissions');
  if (permissions === undefined) return;
  permissions
    .option('--entra', 'also print the Entra sign-in set-up for --http, step by step')
    .hook('preAction', (command) => {
      const flags = command.opts<{ entra?: boolean; json?: boolean }>();
      if (flags.entra && flags.json)
        command.error('--entra prints text for an admin to follow: drop --json.');
    })
    .hook('postAction', async (command) => {
      if (!command.opts<{ entra?: boolean }>().entra) return;
      const { formatEntraSetup } = await import('./entra-setup.js');
      io.stdout(`\n${formatEntraSetup({ ...definition, flags: program.opts(), env: io.env })}`);
    });
}
