// What m365-identity's command line shows before its tools load (`--help`, `--version`,
// `permissions`): the server's name, title, version and permission manifest.
import type { ServerCard } from '@m365-mcp/mcp-kit';
import { readPackageVersion } from '@m365-mcp/mcp-kit/cli';
import { identityPermissions } from './permissions.js';

export const identityCard: ServerCard = {
  name: 'm365-identity',
  title: 'Microsoft 365 identity (Entra ID)',
  version: readPackageVersion(import.meta.url),
  permissions: identityPermissions,
};
