import { formatTable } from '../table.js';
import type { DelegatedCheckReport, DelegatedPermissionCheck } from './check-delegated.js';

/**
 * What `<server> check` prints when signed in as a user: who, their directory roles, the token's
 * scopes, and per permission (its reason names the tools) what is missing: the scope, a role, both.
 * The caller exits non-zero when `report.ok` is false.
 */
export function formatDelegatedCheck(report: DelegatedCheckReport): string {
  const who = report.userPrincipalName ?? report.objectId ?? 'an unnamed user';
  const lines = [
    `Delegated permission check for ${report.server} (${report.writes ? 'reads and writes' : 'read-only'}), signed in as ${who}${
      report.tenantId === undefined ? '' : ` in tenant ${report.tenantId}`
    }${report.appId === undefined ? '' : ` through client ${report.appId}`}`,
    report.directoryRoles === undefined
      ? `Directory roles: could not be read (${report.directoryRolesError ?? 'unknown error'}); role checks are skipped.`
      : `Directory roles: ${report.directoryRoles.length === 0 ? 'none' : report.directoryRoles.map((role) => role.name).join(', ')}`,
    `Delegated scopes in the token (scp): ${report.scopes.join(' ')}`,
    '',
    formatTable(
      ['Permission', 'Access', 'Scope', 'Role', 'Needs one of'],
      report.permissions.map((entry) => [
        entry.permission,
        entry.access,
        entry.scope === undefined ? 'none (application-only)' : entry.scopeGranted ? 'granted' : 'MISSING',
        entry.roleHeld === undefined ? 'unread' : entry.roleHeld ? 'held' : 'MISSING',
        entry.roles.map((role) => role.name).join(', '),
      ]),
    ),
    '',
  ];
  const failing = report.permissions.filter((entry) => !entry.scopeGranted || entry.roleHeld === false);
  for (const entry of failing)
    lines.push(`${entry.permission}: ${whatIsMissing(entry)}. Used for: ${entry.reason}`);
  if (failing.length > 0) lines.push('');
  lines.push(
    report.ok
      ? 'Result: OK, every permission has its delegated scope and a directory role of yours that allows it.'
      : `Result: FAILED, ${failing.length} permission(s) cannot work on your behalf.`,
  );
  return `${lines.join('\n')}\n`;
}

function whatIsMissing(entry: DelegatedPermissionCheck): string {
  const parts: string[] = [];
  if (entry.scope === undefined) {
    parts.push("Graph has no delegated form of it, so it works only with the app's own sign-in");
  } else if (!entry.scopeGranted) {
    parts.push(
      `the delegated scope ${entry.scope} is not in the token (consent to it for the client you sign in with)`,
    );
  }
  if (entry.roleHeld === false) {
    parts.push(`you hold none of the directory roles ${entry.roles.map((role) => role.name).join(', ')}`);
  }
  return parts.join('; and ');
}
