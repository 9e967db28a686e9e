import type { PermissionManifest } from '../manifest.js';
import { formatTable } from '../table.js';
import { delegatedRequirements } from './delegated-requirements.js';

/**
 * What `<server> permissions --delegated` can print: for calling Graph on behalf of a signed-in
 * admin, the delegated permissions the app needs (consented once) and the directory roles of which
 * the admin needs one, per permission; application-only permissions are named as such.
 */
export function formatDelegatedPermissions(
  manifest: PermissionManifest,
  options: { writes: boolean },
): string {
  const requirements = delegatedRequirements(manifest, options);
  const scopes = [
    ...new Set(requirements.flatMap((entry) => (entry.scope === undefined ? [] : [entry.scope]))),
  ];
  const appOnly = requirements.filter((entry) => entry.scope === undefined);
  const lines = [
    `Delegated mode for ${manifest.server} (${options.writes ? 'reads and writes' : 'read-only'}): Graph allows a call only when the app holds the delegated permission AND the signed-in admin holds a directory role that allows it.`,
    '',
    formatTable(
      ['Permission', 'Access', 'Delegated permission', 'Admin needs one of'],
      requirements.map((entry) => [
        entry.permission,
        entry.access,
        entry.scope ?? 'none: application-only',
        entry.roles.map((role) => role.name).join(', '),
      ]),
    ),
    '',
    `Delegated permissions to grant (Microsoft Graph, type Scope) and consent: User.Read ${scopes.join(' ')}`.trimEnd(),
  ];
  if (appOnly.length > 0) {
    lines.push(
      `Application-only (no delegated form; the tools that need them work only with the app's own sign-in): ${appOnly
        .map((entry) => entry.permission)
        .join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
