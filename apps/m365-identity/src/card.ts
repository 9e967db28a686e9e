// What m365-identity's command line shows before its tools load (`--help`, `--version`,
// `permissions`): the server's name, title, version and permission manifest.
import { readPackageVersion, type ServerCard } from '@m365-mcp/mcp-kit';
import { identityPermissions } from './permissions.js';

export const identityCard: ServerCard = {
  name: 'm365-identity',
  title: 'Microsoft 365 identity (Entra ID)',
  version: readPackageVersion(new URL('../package.json', import.meta.url)),
  permissions: identityPermissions,
};
