import { formatServicePermissions, servicePermissionViews } from './format-service-permissions.js';
import { type PermissionManifest, permissionsFor, requiredResourceAccess } from './manifest.js';
import { formatTable } from './table.js';

/**
 * What `<server> permissions [--json] [--writes]` prints: the Graph application permissions, then
 * the admin APIs beyond Graph (what each unlocks, its ids and the steps an admin takes), then the
 * requiredResourceAccess block for the app registration.
 */
export function formatPermissions(
  manifest: PermissionManifest,
  options: { writes: boolean; json: boolean },
): string {
  const entries = permissionsFor(manifest, options);
  const block = requiredResourceAccess(manifest, options);
  if (options.json) {
    return `${JSON.stringify(
      {
        server: manifest.server,
        writes: options.writes,
        permissions: entries,
        services: servicePermissionViews(manifest),
        requiredResourceAccess: block,
      },
      null,
      2,
    )}\n`;
  }
  const hiddenWrites = manifest.permissions.length - entries.length;
  const lines = [
    `${manifest.server} needs these Microsoft Graph application permissions (${options.writes ? 'reads and writes' : 'read-only'}):`,
    '',
    formatTable(
      ['Permission', 'Id', 'Access', 'Reason'],
      entries.map((entry) => [entry.permission, entry.id, entry.access, entry.reason]),
    ),
    '',
  ];
  if (hiddenWrites > 0) {
    lines.push(
      `${hiddenWrites} more permission(s) are needed only with --allow-writes; see them with --writes.`,
      '',
    );
  }
  lines.push(...formatServicePermissions(manifest));
  lines.push(
    block.length > 1
      ? 'requiredResourceAccess for the app registration, Microsoft Graph first (grant admin consent afterwards):'
      : 'requiredResourceAccess for the app registration (grant admin consent afterwards):',
    JSON.stringify(block, null, 2),
  );
  return `${lines.join('\n')}\n`;
}
