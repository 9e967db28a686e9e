// What m365-security's command line shows before its tools load (`--help`, `--version`,
// `permissions`): the server's name, title, version and permission manifest.
import type { ServerCard } from '@m365-mcp/mcp-kit';
import { readPackageVersion } from '@m365-mcp/mcp-kit/cli';
import { securityPermissions } from './permissions.js';

export const securityCard: ServerCard = {
  name: 'm365-security',
  title: 'Microsoft 365 security (Defender XDR)',
  version: readPackageVersion(import.meta.url),
  permissions: securityPermissions,
};
