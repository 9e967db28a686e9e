// The environment variables of Entra sign-in for --http (no imports: the CLI's help text names them
// without loading anything).
export const entraVariables = {
  tenant: 'M365_MCP_ENTRA_TENANT',
  audience: 'M365_MCP_ENTRA_AUDIENCE',
  allowedTenants: 'M365_MCP_ENTRA_ALLOWED_TENANTS',
  publicUrl: 'M365_MCP_PUBLIC_URL',
} as const;
