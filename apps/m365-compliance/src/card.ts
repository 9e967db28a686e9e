// What m365-compliance's command line shows before its tools load (`--help`, `--version`,
// `permissions`): the server's name, title, version and permission manifest.
import type { ServerCard } from '@m365-mcp/mcp-kit';
import { readPackageVersion } from '@m365-mcp/mcp-kit/cli';
import { compliancePermissions } from './permissions.js';

export const complianceCard: ServerCard = {
  name: 'm365-compliance',
  title: 'Microsoft 365 compliance (CIS benchmark)',
  version: readPackageVersion(import.meta.url),
  permissions: compliancePermissions,
};
