import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PermissionManifest, ServiceRequirement } from '@m365-mcp/auth';
import { permissionsFor } from '@m365-mcp/auth';
import { type AdminService, SERVICE_URL_VARIABLES } from '@m365-mcp/graph-core';
import type { GraphSim, SimAppInput, Tenant } from '@m365-mcp/graph-sim';

export interface DemoTenant {
  sim: GraphSim;
  /** Environment variables that point a server at the simulator as an app holding `roles`. */
  env: Record<string, string>;
  roles: string[];
  /** The admin APIs beyond Graph the app was granted (what the manifest's `services` need). */
  services: AdminService[];
  /** Removes what the app's sign-in needed on disk (its certificate), leaving the simulator running. */
  release(): Promise<void>;
  /** release(), then stops the simulator. */
  close(): Promise<void>;
}

/** The application permissions a server holds: its read set, plus its write set when writes are on. */
export function rolesFor(manifest: PermissionManifest, writes: boolean): string[] {
  return permissionsFor(manifest, { writes }).map((p) => p.permission);
}

/**
 * Starts graph-sim and registers an app holding exactly `roles` (by default the manifest's), so
 * the simulator refuses any call the server did not declare.
 */
export async function startDemoTenant(options: {
  manifest: PermissionManifest;
  writes: boolean;
  roles?: string[];
  /** The demo tenant (Contoso) by default. */
  tenant?: Tenant;
  /** The admin APIs to grant, of those the manifest names; all of them by default. */
  services?: readonly AdminService[];
}): Promise<DemoTenant> {
  const { startGraphSim } = await loadGraphSim(options.manifest.server);
  const sim = await startGraphSim(options.tenant === undefined ? {} : { tenant: options.tenant });
  const roles = options.roles ?? rolesFor(options.manifest, options.writes);
  try {
    return await registerSimApp(
      sim,
      `${options.manifest.server} (demo)`,
      roles,
      serviceGrants(options.manifest, options.services),
    );
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** The manifest's service requirements, narrowed to `services` when given. */
export function serviceGrants(
  manifest: PermissionManifest,
  services: readonly AdminService[] | undefined,
): ServiceRequirement[] {
  return manifest.services.filter((s) => services === undefined || services.includes(s.service));
}

/**
 * The simulator is a package of its own that a server neither installs nor loads unless the demo
 * is asked for (it and its certificate libraries would cost every plain start time and space), so
 * a missing one is named, with the command that brings it.
 */
export async function loadGraphSim(server: string): Promise<typeof import('@m365-mcp/graph-sim')> {
  try {
    return await import('@m365-mcp/graph-sim');
  } catch (error) {
    if (!isMissingPackage(error, '@m365-mcp/graph-sim')) throw error;
    throw new DemoUnavailableError(
      `the demo tenant needs the simulator package @m365-mcp/graph-sim, which is not installed beside ${server}. ` +
        `Install it next to the server (npm install @m365-mcp/graph-sim) or run both with npx: ` +
        `npx -y -p @m365-mcp/graph-sim -p @m365-mcp/${server} ${server} --demo`,
    );
  }
}

function isMissingPackage(error: unknown, name: string): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
    error.message.includes(`'${name}'`)
  );
}

/** --demo was asked for where the simulator is not installed. */
export class DemoUnavailableError extends Error {
  override name = 'DemoUnavailableError';
}

/**
 * Registers an app holding exactly `roles` on a running simulator, and what `services` need (their
 * app roles, one directory role each, Fabric's admin API access), and returns the environment that
 * signs a server in to it as that app: authority, Graph URL and every admin API's URL of the
 * simulator (so a service the app was not granted is refused by the simulator, never sent to
 * Microsoft), and a client secret, or a certificate when the SharePoint admin API is granted
 * (SharePoint refuses secret-based app-only tokens).
 */
export async function registerSimApp(
  sim: GraphSim,
  displayName: string,
  roles: string[],
  services: readonly ServiceRequirement[] = [],
): Promise<DemoTenant> {
  const input: SimAppInput = { displayName, roles, ...serviceGrantInput(services) };
  const needsCertificate = services.some((s) => s.service === 'sharepointAdmin');
  let scratch: string | undefined;
  const release = async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  };
  let credentialEnv: Record<string, string>;
  if (needsCertificate) {
    const { createClientCertificate } = await import('@m365-mcp/graph-sim');
    const certificate = createClientCertificate();
    input.certificatePem = certificate.certificatePem;
    const app = sim.registerApp(input);
    // @azure/identity wants the private key and the certificate in one PEM file.
    const certificateBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(
      certificate.certificatePem,
    )?.[0];
    scratch = await mkdtemp(join(tmpdir(), 'm365-demo-app-'));
    const path = join(scratch, 'app.pem');
    await writeFile(path, `${certificate.privateKeyPem}${certificateBlock ?? ''}`, { mode: 0o600 });
    credentialEnv = { AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_CERTIFICATE_PATH: path };
  } else {
    const app = sim.registerApp(input);
    if (!app.secret) throw new Error(`graph-sim registered the app "${displayName}" without a secret`);
    credentialEnv = { AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_SECRET: app.secret };
  }
  return {
    sim,
    roles,
    services: services.map((s) => s.service),
    env: {
      AZURE_TENANT_ID: sim.tenantId,
      ...credentialEnv,
      ...simulatorUrls(sim),
    },
    release,
    async close() {
      await release();
      await sim.close();
    },
  };
}

/**
 * The variables that send sign-in, Graph and every admin API beyond Graph to the simulator, never
 * to Microsoft's hosts (whatever the app was granted).
 */
export function simulatorUrls(sim: GraphSim): Record<string, string> {
  return {
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
    ...Object.fromEntries(
      (Object.entries(SERVICE_URL_VARIABLES) as [AdminService, string][]).map(([service, variable]) => [
        variable,
        sim.serviceUrls[service],
      ]),
    ),
  };
}

/** What the simulator's app registration needs to hold for these services. */
function serviceGrantInput(
  services: readonly ServiceRequirement[],
): Pick<SimAppInput, 'serviceRoles' | 'directoryRoles' | 'fabricAdminApiAccess'> {
  const serviceRoles: Record<string, string[]> = {};
  const directoryRoles = new Set<string>();
  for (const requirement of services) {
    if (requirement.appRole !== undefined) {
      const held = serviceRoles[requirement.resourceAppId] ?? [];
      if (!held.includes(requirement.appRole.permission)) held.push(requirement.appRole.permission);
      serviceRoles[requirement.resourceAppId] = held;
    }
    // Least privileged first: the first role is the one to grant.
    const role = requirement.directoryRoles[0];
    if (role !== undefined) directoryRoles.add(role.templateId);
  }
  return {
    ...(Object.keys(serviceRoles).length > 0 ? { serviceRoles } : {}),
    ...(directoryRoles.size > 0 ? { directoryRoles: [...directoryRoles] } : {}),
    ...(services.some((s) => s.service === 'fabric') ? { fabricAdminApiAccess: true } : {}),
  };
}
