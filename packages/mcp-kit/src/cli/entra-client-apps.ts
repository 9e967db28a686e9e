// The MCP clients people connect with, and what each needs in Entra, which offers no dynamic client
// registration: a client either is Microsoft's own app (pre-authorized by its published client id)
// or is an app registration the admin makes for it.

export interface EntraClientApp {
  name: string;
  /** The client's own app id when Microsoft publishes one; otherwise the admin registers one. */
  clientId?: string;
  /** What to register (when there is no published client id) and how the client is configured. */
  steps: string[];
  source: string;
}

export function entraClientApps(serverName: string, scope: string): EntraClientApp[] {
  return [
    {
      name: 'Visual Studio Code (GitHub Copilot agent mode)',
      clientId: 'aebc6443-996d-45c2-90f0-388ff96faa56',
      steps: [
        `Pre-authorize this client id for ${scope} (VS Code signs in with its own Microsoft account provider and shows no consent prompt, so without pre-authorization the sign-in fails).`,
        `In VS Code: "MCP: Add Server" > HTTP > the server's public URL; VS Code reads the protected-resource metadata and signs in with Entra.`,
      ],
      source:
        'https://learn.microsoft.com/azure/app-service/configure-authentication-mcp (pre-authorize VS Code); client id as published by VS Code',
    },
    {
      name: 'MCP Inspector',
      steps: [
        `App registrations > New registration: "MCP Inspector (${serverName})", this tenant only.`,
        'Authentication > Add a platform > Single-page application: redirect URIs http://localhost:6274/oauth/callback and http://localhost:6274/oauth/callback/debug (the inspector runs the sign-in in the browser, which needs the SPA platform for the token request).',
        `API permissions > Add > My APIs > ${serverName} > Delegated > access_as_user; then pre-authorize its client id on the server app (or grant admin consent).`,
        "In the inspector: Streamable HTTP, the server's URL, Authentication > OAuth Client ID = that client id, Scope = the scope above.",
      ],
      source:
        'https://github.com/modelcontextprotocol/inspector (callback path /oauth/callback on port 6274)',
    },
    {
      name: 'Claude (custom connector: claude.ai, Claude Desktop, mobile)',
      steps: [
        `App registrations > New registration: "Claude connector (${serverName})", this tenant only.`,
        'Authentication > Add a platform > Web: redirect URIs https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback (Anthropic says the callback may move to claude.com).',
        'Certificates & secrets > New client secret (Claude is a confidential client here: it holds the secret in its cloud).',
        `API permissions > Add > My APIs > ${serverName} > Delegated > access_as_user; then pre-authorize its client id on the server app.`,
        "In Claude: Settings > Connectors > Add custom connector > the server's public URL; Advanced settings > OAuth Client ID and Client Secret. Claude connects from Anthropic's cloud: the URL must be reachable from the internet (a TLS reverse proxy).",
      ],
      source:
        'https://support.claude.com/en/articles/11503834-building-custom-connectors-via-remote-mcp-servers (callback URL, custom client id and secret when the server has no DCR)',
    },
  ];
}
