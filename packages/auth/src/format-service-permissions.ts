import type { AdminService } from '@m365-mcp/graph-core';
import type { DirectoryRoleRequirement, PermissionManifest, ServiceRequirement } from './manifest.js';
import { refusesClientSecrets, serviceDisplayName } from './service-facts.js';
import { azureCliCommands, azureCliPreamble, azureCliScript, portalSteps } from './service-steps.js';

/** One admin API beyond Graph as `permissions --json` gives it: the requirement and its steps. */
export interface ServicePermissionView {
  service: AdminService;
  name: string;
  /** What it unlocks: the controls that are skipped without it. */
  reason: string;
  resource: string;
  resourceAppId: string;
  appRole?: { permission: string; id: string };
  /** One of these, least privileged first. */
  directoryRoles: readonly DirectoryRoleRequirement[];
  serviceSetting?: string;
  /** The service refuses an app that signs in with a client secret. */
  certificateRequired: boolean;
  steps: { portal: string[]; azureCli: string[] };
}

export const certificateNote =
  'This API refuses app-only tokens got with a client secret: the app must sign in with a certificate ' +
  '(AZURE_CLIENT_CERTIFICATE_PATH), or with a managed or workload identity.';

export const servicesAreOptional =
  'Each is optional: without it, only its controls are skipped (each run names them), and every Graph control still runs.';

export function servicePermissionViews(manifest: PermissionManifest): ServicePermissionView[] {
  return manifest.services.map((requirement: ServiceRequirement) => ({
    service: requirement.service,
    name: serviceDisplayName(requirement.service),
    reason: requirement.reason,
    resource: requirement.resource,
    resourceAppId: requirement.resourceAppId,
    ...(requirement.appRole === undefined ? {} : { appRole: requirement.appRole }),
    directoryRoles: requirement.directoryRoles,
    ...(requirement.serviceSetting === undefined ? {} : { serviceSetting: requirement.serviceSetting }),
    certificateRequired: refusesClientSecrets(requirement.service),
    steps: { portal: portalSteps(requirement), azureCli: azureCliCommands(requirement) },
  }));
}

// Exchange Online and Security & Compliance are one API with one app role: saying the steps twice
// would read as two grants.
function sameGrant(a: ServicePermissionView, b: ServicePermissionView): boolean {
  return JSON.stringify(a.steps) === JSON.stringify(b.steps);
}

/** The services section of `permissions`, as lines; none when the server reads Graph only. */
export function formatServicePermissions(manifest: PermissionManifest): string[] {
  const views = servicePermissionViews(manifest);
  if (views.length === 0) return [];
  const lines = [
    `${manifest.server} also reads ${views.length} admin API(s) beyond Microsoft Graph. ${servicesAreOptional}`,
    '',
  ];
  for (const [index, view] of views.entries()) {
    lines.push(`${view.name} (${view.service})`, `  Unlocks:         ${view.reason}`);
    lines.push(`  API:             ${view.resource} (app id ${view.resourceAppId})`);
    if (view.appRole !== undefined) {
      lines.push(`  App role:        ${view.appRole.permission} (id ${view.appRole.id})`);
    }
    if (view.directoryRoles.length > 0) {
      const roles = view.directoryRoles.map((role) => `${role.name} (template id ${role.templateId})`);
      lines.push(`  Directory role:  ${roles.join(', or ')}`);
    }
    if (view.certificateRequired) lines.push(`  Certificate:     ${certificateNote}`);
    const twin = views.slice(0, index).find((earlier) => sameGrant(earlier, view));
    if (twin === undefined) {
      lines.push('  Steps:', ...view.steps.portal.map((step, number) => `    ${number + 1}. ${step}`));
    } else {
      lines.push(`  Steps:           the same as ${twin.name}: one grant serves both.`);
    }
    lines.push('');
  }
  const script = azureCliScript(manifest.services);
  if (script.length > 0) {
    lines.push(
      'The same grants with the Azure CLI (bash; run as a Privileged Role Administrator):',
      ...[...azureCliPreamble, ...script].map((command) => `  ${command}`),
    );
    const portalOnly = views.filter((view) => view.serviceSetting !== undefined).map((view) => view.name);
    if (portalOnly.length > 0) {
      lines.push(
        `  # No az command sets ${portalOnly.join(' or ')}'s service setting: take its step above in its portal.`,
      );
    }
    lines.push('');
  }
  return lines;
}
