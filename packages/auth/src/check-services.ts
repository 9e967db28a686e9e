import type { TokenCredential } from '@azure/identity';
import {
  type AdminService,
  type CloudProfile,
  directoryRoleTemplateIds,
  f,
  type GraphClient,
  GraphError,
  microsoftGraphAppId,
  redactSecrets,
} from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { DirectoryRoleRequirement, PermissionManifest, ServiceRequirement } from './manifest.js';
import { refusesClientSecrets, serviceDisplayName } from './service-facts.js';
import { serviceTokenScope } from './service-scopes.js';
import { appRoleStep, certificateStep, directoryRoleStep } from './service-steps.js';
import { decodeTokenRoles } from './token-roles.js';

/** What `check` found for one admin API beyond Graph. Services are optional: none fails the check. */
export interface ServiceCheck {
  service: AdminService;
  name: string;
  resource: string;
  /** What it unlocks, i.e. the controls skipped while something is missing. */
  reason: string;
  scope: string;
  /** Entra's answer to a token request for the service, or why it gave none. */
  token: { issued: true; roles: string[] } | { issued: false; error: string };
  /** The API's app role; `held` is undefined when no token said. */
  appRole?: { permission: string; id: string; held: boolean | undefined };
  /** The directory roles of which one is needed; `heldAs` names the one the service principal holds. */
  directoryRole?: {
    needed: readonly DirectoryRoleRequirement[];
    held: boolean | undefined;
    heldAs?: string;
    /** Why it could not be read, when `held` is undefined. */
    unreadable?: string;
  };
  /** For a service that refuses client secrets: whether the app signed in with a certificate. */
  certificate?: { held: boolean | undefined };
  /** A setting in the service's own portal, which nothing here can read. */
  serviceSetting?: string;
  /** What is missing, each said as what to grant. */
  missing: string[];
  /** The Entra admin center steps that grant what is missing. */
  fixes: string[];
  /** Set when Microsoft does not run the service in this cloud: nothing to grant, nothing read. */
  notOffered?: string;
  /** Nothing is missing that could be read (a portal setting never can be). */
  ok: boolean;
  /**
   * `missing`: something is missing, named; `unchecked`: nothing seen missing, but a part could not
   * be read (the directory role, how the app signs in, a portal setting); `ready`: all read, all there.
   */
  status: 'ready' | 'missing' | 'unchecked';
}

/** What the Graph token told about the app: its service principal, to find its role assignments. */
export interface SignedInApp {
  objectId?: string;
}

const roleAssignmentSchema = z.object({
  roleDefinitionId: z.string(),
  directoryScopeId: z.string().optional(),
});

const globalAdministrator = {
  name: 'Global Administrator',
  templateId: directoryRoleTemplateIds.globalAdministrator,
};

/**
 * Checks each service of the manifest: a token for its scope and the app role it carries, the
 * directory role on the app's service principal (read through Graph), the certificate a service
 * wants. Never throws for a service: what cannot be read is said, and the next service is checked.
 */
export async function checkServices(
  credential: TokenCredential,
  manifest: PermissionManifest,
  options: { cloud: CloudProfile; graph?: GraphClient; app: SignedInApp },
): Promise<ServiceCheck[]> {
  if (manifest.services.length === 0) return [];
  // One read of the role assignments serves every service (Exchange and Purview want the same role).
  const assignments = manifest.services.some((service) => service.directoryRoles.length > 0)
    ? await readRoleAssignments(options.graph, options.app.objectId)
    : { roles: new Set<string>() };
  const checks: ServiceCheck[] = [];
  for (const requirement of manifest.services) {
    checks.push(await checkService(credential, requirement, options.cloud, assignments));
  }
  return checks;
}

type Assignments = { roles: Set<string> } | { unreadable: string };

async function readRoleAssignments(
  graph: GraphClient | undefined,
  objectId: string | undefined,
): Promise<Assignments> {
  if (graph === undefined) return { unreadable: 'no Graph connection to read role assignments through' };
  if (objectId === undefined) {
    return { unreadable: "the Graph token names no service principal (no 'oid' claim)" };
  }
  try {
    const { items } = await graph.list('/roleManagement/directory/roleAssignments', {
      query: { $filter: f.eq('principalId', objectId) },
      schema: roleAssignmentSchema,
    });
    // Only a tenant-wide assignment lets the service read tenant settings; an admin unit's does not.
    return {
      roles: new Set(
        items
          .filter((item) => (item.directoryScopeId ?? '/') === '/')
          .map((item) => item.roleDefinitionId.toLowerCase()),
      ),
    };
  } catch (error) {
    if (error instanceof GraphError && error.status === 403) {
      return {
        unreadable:
          'Graph refused to list role assignments (403): the app needs RoleManagement.Read.Directory to show them',
      };
    }
    return { unreadable: `role assignments could not be read: ${errorText(error)}` };
  }
}

async function checkService(
  credential: TokenCredential,
  requirement: ServiceRequirement,
  cloud: CloudProfile,
  assignments: Assignments,
): Promise<ServiceCheck> {
  const target = serviceTokenScope(requirement, cloud);
  const missing: string[] = [];
  const fixes: string[] = [];
  const about = {
    service: requirement.service,
    name: serviceDisplayName(requirement.service),
    resource: requirement.resource,
    reason: requirement.reason,
    missing,
    fixes,
  };
  if ('notOffered' in target) {
    return {
      ...about,
      scope: '',
      token: { issued: false, error: target.notOffered },
      notOffered: target.notOffered,
      ok: true,
      status: 'unchecked',
    };
  }
  const scope = target.scope;
  const token = await serviceToken(credential, scope, cloud);
  const check: ServiceCheck = {
    ...about,
    scope,
    token: token.issued ? { issued: true, roles: token.roles } : token,
    ok: false,
    status: 'missing',
  };
  if (!token.issued) missing.push(`a token for ${scope}: ${token.error}`);

  if (requirement.appRole !== undefined) {
    const held = token.issued ? token.roles.includes(requirement.appRole.permission) : undefined;
    check.appRole = { ...requirement.appRole, held };
    if (held === false) {
      missing.push(
        `app role ${requirement.appRole.permission} (id ${requirement.appRole.id}) on ${requirement.resource}`,
      );
      fixes.push(appRoleStep(requirement) ?? '');
    }
  }

  if (requirement.directoryRoles.length > 0) {
    check.directoryRole = directoryRoleFinding(requirement.directoryRoles, assignments);
    if (check.directoryRole.held === false) {
      const names = requirement.directoryRoles.map((role) => `${role.name} (template id ${role.templateId})`);
      missing.push(`directory role ${names.join(' or ')} on the app's service principal`);
      fixes.push(directoryRoleStep(requirement) ?? '');
    }
  }

  if (refusesClientSecrets(requirement.service)) {
    const held =
      token.issued && token.authMethod !== undefined ? token.authMethod === 'certificate' : undefined;
    check.certificate = { held };
    if (held === false) {
      missing.push(
        `a certificate credential: ${check.name} refuses app-only tokens got with a client secret, as this one was`,
      );
      fixes.push(certificateStep(requirement) ?? '');
    }
  }

  if (requirement.serviceSetting !== undefined) check.serviceSetting = requirement.serviceSetting;
  check.ok = missing.length === 0;
  const unread =
    (check.directoryRole !== undefined && check.directoryRole.held === undefined) ||
    (check.certificate !== undefined && check.certificate.held === undefined) ||
    check.serviceSetting !== undefined;
  check.status = !check.ok ? 'missing' : unread ? 'unchecked' : 'ready';
  return check;
}

function directoryRoleFinding(
  needed: readonly DirectoryRoleRequirement[],
  assignments: Assignments,
): NonNullable<ServiceCheck['directoryRole']> {
  if ('unreadable' in assignments) return { needed, held: undefined, unreadable: assignments.unreadable };
  // Global Administrator can do what any listed role can: held, though more than needed.
  const heldAs = [...needed, globalAdministrator].find((role) =>
    assignments.roles.has(role.templateId.toLowerCase()),
  );
  return heldAs === undefined ? { needed, held: false } : { needed, held: true, heldAs: heldAs.name };
}

type ServiceToken =
  | { issued: true; roles: string[]; authMethod?: 'secret' | 'certificate' }
  | { issued: false; error: string };

async function serviceToken(
  credential: TokenCredential,
  scope: string,
  cloud: CloudProfile,
): Promise<ServiceToken> {
  try {
    const token = await credential.getToken(scope);
    if (token === null) return { issued: false, error: 'no access token was issued' };
    const decoded = decodeTokenRoles(token.token);
    // A bearer token given in M365_ACCESS_TOKEN is Graph's whatever scope is asked: its roles are
    // Graph's, and reading them as this API's would name the wrong things missing.
    if (decoded.audience !== undefined && isGraphAudience(decoded.audience, cloud)) {
      return {
        issued: false,
        error: `the credential gave a Microsoft Graph token (aud ${decoded.audience}), not one for this API; a token given in M365_ACCESS_TOKEN serves Graph only`,
      };
    }
    return {
      issued: true,
      roles: decoded.roles,
      ...(decoded.authMethod === undefined ? {} : { authMethod: decoded.authMethod }),
    };
  } catch (error) {
    return { issued: false, error: errorText(error) };
  }
}

function isGraphAudience(audience: string, cloud: CloudProfile): boolean {
  const normalised = audience.replace(/\/+$/, '').toLowerCase();
  const graphResource = cloud.graphScope.replace(/\/\.default$/, '').toLowerCase();
  return (
    normalised === graphResource ||
    normalised === microsoftGraphAppId ||
    normalised === 'https://graph.microsoft.com'
  );
}

/** The first line of an error: Entra's AADSTS code and words, with anything secret-shaped scrubbed. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactSecrets(text.split('\n')[0]?.trim() || 'unknown error');
}
