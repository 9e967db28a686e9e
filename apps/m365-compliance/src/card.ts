// What m365-compliance's command line shows before its tools load (`--help`, `--version`,
// `permissions`): the server's name, title, version and permission manifest.
import { readPackageVersion, type ServerCard } from '@m365-mcp/mcp-kit';
import { compliancePermissions } from './permissions.js';

export const complianceCard: ServerCard = {
  name: 'm365-compliance',
  title: 'Microsoft 365 compliance (CIS benchmark)',
  version: readPackageVersion(new URL('../package.json', import.meta.url)),
  permissions: compliancePermissions,
};
