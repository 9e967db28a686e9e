// What m365-sharepoint's command line shows before its tools load (`--help`, `--version`,
// `permissions`): the server's name, title, version and permission manifest.
import type { ServerCard } from '@m365-mcp/mcp-kit';
import { readPackageVersion } from '@m365-mcp/mcp-kit/cli';
import { sharepointPermissions } from './permissions.js';

export const sharepointCard: ServerCard = {
  name: 'm365-sharepoint',
  title: 'Microsoft 365 SharePoint security',
  version: readPackageVersion(import.meta.url),
  permissions: sharepointPermissions,
};
