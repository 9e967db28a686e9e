import type { AdminService } from '@m365-mcp/graph-core';

// What is true of each admin API whatever server reads it: the name an admin knows it by, and
// whether it accepts an app that signs in with a client secret.

const displayNames: Record<AdminService, string> = {
  exchange: 'Exchange Online',
  compliance: 'Security & Compliance (Purview)',
  teams: 'Teams admin',
  fabric: 'Fabric (Power BI) admin',
  sharepointAdmin: 'SharePoint admin',
};

/** The service as an admin names it, e.g. `Exchange Online`. */
export function serviceDisplayName(service: AdminService): string {
  return displayNames[service];
}

/**
 * SharePoint answers app-only calls only when the token was obtained with a certificate: a token
 * got with a client secret is refused ("Unsupported app only token"), though Entra issues it.
 */
export function refusesClientSecrets(service: AdminService): boolean {
  return service === 'sharepointAdmin';
}
