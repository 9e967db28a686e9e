import type { PermissionCheckReport } from './check-permissions.js';
import { formatServiceCheck, serviceResultNote } from './format-service-check.js';
import { formatTable } from './table.js';

/**
 * What `<server> check` prints; the caller exits non-zero when `report.ok` is false (a Graph
 * permission missing). The admin APIs beyond Graph come after Graph's, as warnings.
 */
export function formatPermissionCheck(report: PermissionCheckReport): string {
  const who = [
    report.appId === undefined ? 'an unnamed app' : `app ${report.appId}`,
    report.tenantId === undefined ? '' : ` in tenant ${report.tenantId}`,
  ].join('');
  const lines = [
    `Permission check for ${report.server} (${report.writes ? 'reads and writes' : 'read-only'}), signed in as ${who}`,
    `The token holds ${report.roles.length} application role(s).`,
    '',
  ];
  const viaBroader = new Map(report.broader.map((entry) => [entry.permission, entry.heldAs]));
  if (report.granted.length > 0) {
    lines.push(
      `Granted (${report.granted.length}):`,
      formatTable(
        ['Permission', 'Access', 'Held as'],
        report.granted.map((entry) => [
          entry.permission,
          entry.access,
          viaBroader.get(entry.permission) ?? 'exact',
        ]),
      ),
      '',
    );
  }
  if (report.missing.length > 0) {
    lines.push(
      `MISSING (${report.missing.length}): grant these application permissions to the app and give admin consent:`,
      formatTable(
        ['Permission', 'Id', 'Access', 'Reason'],
        report.missing.map((entry) => [entry.permission, entry.id, entry.access, entry.reason]),
      ),
      '',
    );
  }
  if (report.excess.length > 0) {
    lines.push(
      `EXCESS (${report.excess.length}): held but not needed by ${report.server}${report.writes ? '' : ' in read-only mode'}; remove them for least privilege:`,
      ...report.excess.map((role) => {
        const narrower = report.broader.find((entry) => entry.heldAs === role);
        return `  ${role}${narrower === undefined ? '' : `  (${narrower.permission} would do)`}`;
      }),
      '',
    );
  }
  lines.push(...formatServiceCheck(report.services));
  const services = serviceResultNote(report.services);
  lines.push(
    report.ok
      ? `Result: OK${report.excess.length > 0 ? `, with ${report.excess.length} excess permission(s)` : ''}${services}.`
      : `Result: FAILED, ${report.missing.length} permission(s) missing${services}.`,
  );
  return `${lines.join('\n')}\n`;
}
