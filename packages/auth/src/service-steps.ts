import type { ServiceRequirement } from './manifest.js';
import { refusesClientSecrets } from './service-facts.js';

// The exact steps an admin takes to give the app what a service needs: in the Microsoft Entra
// admin center, and as Azure CLI commands (bash) that do the same.

/** Shell lines that set the variables the commands below use; printed once, before them. */
export const azureCliPreamble: readonly string[] = [
  "APP_ID='<the app registration's client id>'",
  'SP_ID=$(az ad sp show --id "$APP_ID" --query id -o tsv)',
];

const entraAdminCenter = 'Microsoft Entra admin center';

/** Adding the API's app role to the app and consenting to it; none when the service needs no app role. */
export function appRoleStep(requirement: ServiceRequirement): string | undefined {
  if (requirement.appRole === undefined) return undefined;
  return (
    `${entraAdminCenter} > App registrations > the app > API permissions > Add a permission > ` +
    `APIs my organization uses > ${requirement.resource} > Application permissions > ` +
    `${requirement.appRole.permission} > Add permissions; then Grant admin consent.`
  );
}

/** Assigning the least privileged directory role listed to the app; none when no role is needed. */
export function directoryRoleStep(requirement: ServiceRequirement): string | undefined {
  const [role, ...alternatives] = requirement.directoryRoles;
  if (role === undefined) return undefined;
  const others =
    alternatives.length === 0
      ? ''
      : ` (or, with more power than needed: ${alternatives.map((entry) => entry.name).join(', ')})`;
  return (
    `${entraAdminCenter} > Roles and administrators > ${role.name}${others} > Add assignments > ` +
    'select the app (by name or client id) > Add.'
  );
}

/** Giving the app a certificate, for a service that refuses client secrets. */
export function certificateStep(requirement: ServiceRequirement): string | undefined {
  if (!refusesClientSecrets(requirement.service)) return undefined;
  return (
    `${entraAdminCenter} > App registrations > the app > Certificates & secrets > Certificates > ` +
    'Upload certificate: the public part of the certificate the server signs in with.'
  );
}

/** The clicks in the Entra admin center (and the service's own portal), in order. */
export function portalSteps(requirement: ServiceRequirement): string[] {
  return [
    appRoleStep(requirement),
    directoryRoleStep(requirement),
    certificateStep(requirement),
    requirement.serviceSetting,
  ].filter((step): step is string => step !== undefined);
}

/** `az ad app permission add` for the app role, then its consent. */
export function appRoleCommands(requirement: ServiceRequirement): string[] {
  if (requirement.appRole === undefined) return [];
  return [
    `az ad app permission add --id "$APP_ID" --api ${requirement.resourceAppId} --api-permissions ${requirement.appRole.id}=Role`,
    'az ad app permission admin-consent --id "$APP_ID"',
  ];
}

/**
 * The directory role assignment through Graph (`az rest`), for the least privileged role listed.
 * Built-in roles are assigned by template id, tenant-wide (`directoryScopeId` `/`).
 */
export function directoryRoleCommands(requirement: ServiceRequirement): string[] {
  const role = requirement.directoryRoles[0];
  if (role === undefined) return [];
  const body = `{\\"principalId\\":\\"$SP_ID\\",\\"roleDefinitionId\\":\\"${role.templateId}\\",\\"directoryScopeId\\":\\"/\\"}`;
  return [
    `az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments --body "${body}"`,
  ];
}

/** Every command a service needs, in order: its app role, its consent, its directory role. */
export function azureCliCommands(requirement: ServiceRequirement): string[] {
  return [...appRoleCommands(requirement), ...directoryRoleCommands(requirement)];
}

/** The commands of several services, each said once (Exchange and Security & Compliance share theirs). */
export function azureCliScript(requirements: readonly ServiceRequirement[]): string[] {
  const commands = [...new Set(requirements.flatMap(azureCliCommands))];
  // Consent once, after every permission is added: it grants them all.
  const consent = commands.filter((command) => command.includes('admin-consent'));
  const rest = commands.filter((command) => !command.includes('admin-consent'));
  const adds = rest.filter((command) => command.startsWith('az ad app permission add'));
  const roles = rest.filter((command) => !command.startsWith('az ad app permission add'));
  return [...adds, ...consent.slice(0, 1), ...roles];
}
