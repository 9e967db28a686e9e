// `permissions --entra`: the Entra sign-in set-up for --http, step by step, with this server's real
// values (its name, Application ID URI, scope, app roles, the client ids to pre-authorize) and, when
// configured, the tenant and public URL.
import { createHash } from 'node:crypto';
import { defaultEntraRoles, defaultEntraScope } from '../http/entra/entra-options.js';
import { entraClientApps } from './entra-client-apps.js';
import { type EntraFlags, entraVariables, publicUrlFrom } from './entra-flags.js';

export interface EntraSetupInput {
  /** The server's bin name, e.g. `m365-security`. */
  name: string;
  title: string;
  flags: EntraFlags;
  env: Record<string, string | undefined>;
}

/**
 * A stable GUID for a scope or role of this server's registration: the manifest needs ids, and
 * printing the same ones on every run lets an admin paste the block twice without duplicates.
 */
function stableId(name: string, what: string): string {
  const hex = createHash('sha256').update(`m365-mcp/${name}/${what}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function entraManifest(name: string, title: string, preAuthorized: readonly string[]): object {
  const scopeId = stableId(name, defaultEntraScope);
  return {
    identifierUris: [`api://${name}`],
    signInAudience: 'AzureADMyOrg',
    api: {
      requestedAccessTokenVersion: 2,
      oauth2PermissionScopes: [
        {
          id: scopeId,
          value: defaultEntraScope,
          type: 'User',
          isEnabled: true,
          adminConsentDisplayName: `Use ${title}`,
          adminConsentDescription: `Lets the app call ${name} as the signed-in user; app roles decide what they may do.`,
          userConsentDisplayName: `Use ${title}`,
          userConsentDescription: `Lets the app call ${name} for you.`,
        },
      ],
      preAuthorizedApplications: preAuthorized.map((appId) => ({ appId, delegatedPermissionIds: [scopeId] })),
    },
    appRoles: [
      {
        id: stableId(name, defaultEntraRoles.read),
        value: defaultEntraRoles.read,
        displayName: `${title}: read`,
        description: 'Call the read tools and make write plans.',
        allowedMemberTypes: ['User', 'Application'],
        isEnabled: true,
      },
      {
        id: stableId(name, defaultEntraRoles.write),
        value: defaultEntraRoles.write,
        displayName: `${title}: apply writes`,
        description:
          'Everything McpServer.Read allows, and apply write plans (the server must run with --allow-writes).',
        allowedMemberTypes: ['User', 'Application'],
        isEnabled: true,
      },
    ],
  };
}

export function formatEntraSetup(input: EntraSetupInput): string {
  const { name, title, flags, env } = input;
  const tenant = flags.entraTenant ?? env[entraVariables.tenant] ?? '<your tenant id>';
  const configuredUrl = publicUrlFrom(flags, env);
  const publicUrl = configuredUrl ?? 'https://<public host>/mcp';
  const metadataUrl =
    configuredUrl === undefined
      ? 'https://<public host>/.well-known/oauth-protected-resource/mcp'
      : new URL(`/.well-known/oauth-protected-resource${new URL(configuredUrl).pathname}`, configuredUrl)
          .href;
  const appIdUri = `api://${name}`;
  const scope = `${appIdUri}/${defaultEntraScope}`;
  const clients = entraClientApps(name, scope);
  const published = clients.flatMap((client) => (client.clientId === undefined ? [] : [client.clientId]));
  const manifest = JSON.stringify(entraManifest(name, title, published), null, 2);
  const lines = [
    `Entra sign-in for ${name} --http (the server is an OAuth 2.1 resource server; Entra ID signs users in)`,
    '',
    '1. Register the server app (Entra admin center > App registrations > New registration):',
    `   Name: ${title} (MCP server). Supported account types: this organizational directory only`,
    "   (multitenant only if other tenants' users must call it: then also --entra-allowed-tenants, and an",
    '   Application ID URI of the form api://<client id>). No redirect URI: the server never signs anyone in.',
    '',
    '2. Expose an API: Application ID URI',
    `   ${appIdUri}`,
    `   Add a scope: ${defaultEntraScope}, who can consent: Admins and users. Clients ask for ${scope}.`,
    '',
    `3. App roles (App roles > Create app role, allowed member types: Users/Groups + Applications):`,
    `   ${defaultEntraRoles.read}: read tools and write plans. ${defaultEntraRoles.write}: also applies write plans.`,
    "   Or paste these parts into the app's Manifest (the ids are stable for this server):",
    '',
    ...manifest.split('\n').map((line) => `   ${line}`),
    '',
    '   requestedAccessTokenVersion 2 makes `aud` the client id: give both audiences to the server (step 7).',
    '',
    '4. Clients: Entra has no dynamic client registration, so each client is pre-authorized or registered:',
  ];
  for (const client of clients) {
    lines.push(`   - ${client.name}${client.clientId === undefined ? '' : `: client id ${client.clientId}`}`);
    for (const step of client.steps) lines.push(`       ${step}`);
    lines.push(`       Source: ${client.source}`);
  }
  lines.push(
    `   Pre-authorize each: Expose an API > Add a client application > its client id, scope ${defaultEntraScope}.`,
    '',
    '5. Who may do what (Enterprise applications > the server app):',
    '   Properties > Assignment required? Yes (only assigned users and groups get a token).',
    `   Users and groups > Add user/group > pick people or groups > role ${defaultEntraRoles.read} or ${defaultEntraRoles.write}.`,
    `   A valid token without either role is refused with 403 insufficient_scope.`,
    `   App-only callers: on the calling app, API permissions > ${name} > Application > ${defaultEntraRoles.read}, then admin consent.`,
    '',
    '6. The URL clients use: behind a TLS reverse proxy, the public https URL of /mcp (clients and Claude',
    '   must reach it; Entra never calls the server).',
    '',
    '7. Run the server (flags, or the variables in brackets):',
    `   ${name} --http --host 0.0.0.0 \\`,
    `     --entra-tenant ${tenant} \\                      [${entraVariables.tenant}]`,
    `     --entra-audience ${appIdUri} --entra-audience <server app client id> \\  [${entraVariables.audience}, comma-separated]`,
    `     --public-url ${publicUrl}            [${entraVariables.publicUrl}]`,
    `   Other tenants: --entra-allowed-tenants <tenant id>,<tenant id> [${entraVariables.allowedTenants}] (the home tenant is not added for you).`,
    '   The authority follows M365_CLOUD / AZURE_AUTHORITY_HOST (login.microsoftonline.com by default).',
    '   Do not set M365_MCP_HTTP_TOKEN as well: static tokens and Entra sign-in exclude each other.',
    '',
    '8. Check: the metadata clients start from, without a token:',
    `   curl ${metadataUrl}`,
    '   and a request without a token answers 401 with WWW-Authenticate: Bearer ..., resource_metadata="...".',
  );
  return `${lines.join('\n')}\n`;
}
