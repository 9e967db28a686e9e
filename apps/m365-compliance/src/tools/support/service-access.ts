// What unlocks each admin API beyond Graph, said once from the permission manifest's `services`, for
// the reason of a control the audit skipped because the service refused it (or was not connected).
import type { PermissionManifest, ServiceRequirement } from '@m365-mcp/auth';
import { ADMIN_SERVICE_NAMES, type AdminApis, type AdminService } from '@m365-mcp/graph-core';
import { compliancePermissions } from '../../permissions.js';

/** e.g. "Exchange Online needs Exchange.ManageAsApp (Office 365 Exchange Online) and the Global Reader role on the app's service principal." */
export function serviceAccessOf(manifest: PermissionManifest): Partial<Record<AdminService, string>> {
  return Object.fromEntries(
    manifest.services.map((requirement) => [requirement.service, describe(requirement)]),
  );
}

function describe(requirement: ServiceRequirement): string {
  const needs: string[] = [];
  if (requirement.appRole !== undefined) {
    needs.push(`${requirement.appRole.permission} (${requirement.resource})`);
  }
  if (requirement.directoryRoles.length > 0) {
    const roles = requirement.directoryRoles.map((role) => role.name).join(' or ');
    needs.push(`the ${roles} role on the app's service principal`);
  }
  if (requirement.serviceSetting !== undefined) needs.push(requirement.serviceSetting);
  const name = ADMIN_SERVICE_NAMES[requirement.service];
  const subject = name.charAt(0).toUpperCase() + name.slice(1);
  return needs.length === 0
    ? `${subject} needs access granted to the app.`
    : `${subject} needs ${needs.join(' and ')}.`;
}

const complianceServiceAccess = serviceAccessOf(compliancePermissions);

/** The runAudit options that reach the admin APIs (when the server has them) and name what unlocks each. */
export function auditServices(admin: AdminApis | undefined): {
  services?: AdminApis;
  serviceAccess: Partial<Record<AdminService, string>>;
} {
  return { ...(admin === undefined ? {} : { services: admin }), serviceAccess: complianceServiceAccess };
}
