// Reads one resource of an admin API beyond Graph for a run. A tenant that did not grant the service
// (or a run with no connection to it) still gets every Graph control: the service's controls are
// `skipped`, naming what would unlock them; any other failure is an `error` with the service's words.
import {
  ADMIN_SERVICE_NAMES,
  type AdminApis,
  type AdminService,
  ForbiddenError,
  GraphError,
  ServiceNotOfferedError,
  TransientError,
  UnauthorizedError,
} from '@m365-mcp/graph-core';
import { type ServiceResourceKey, serviceResourceSpec } from '../controls/service-resources.js';

export type Fetched =
  | { ok: true; value: unknown }
  | { ok: false; status: 'skipped' | 'error'; reason: string };

export interface ServiceConnection {
  services: AdminApis | undefined;
  /** What unlocks each service, said to an admin (from the server's permission manifest). */
  serviceAccess: Partial<Record<AdminService, string>> | undefined;
  /** The services this run could not reach (no answer within the retries), with why. */
  unreachable: Map<AdminService, string>;
}

/**
 * Reads the resources of the admin APIs a run needs: each service's first resource alone, then the
 * rest together, unless the first found the service unreachable. A network that blocks a service
 * (a firewall, a proxy that drops it) then costs one resource's retries, not every resource's.
 * The services themselves are read side by side.
 */
export async function fetchServiceResources(
  connection: ServiceConnection,
  keys: readonly ServiceResourceKey[],
  signal: AbortSignal | undefined,
): Promise<Map<ServiceResourceKey, Fetched>> {
  const byService = new Map<AdminService, ServiceResourceKey[]>();
  for (const key of keys) {
    const { service } = serviceResourceSpec(key);
    byService.set(service, [...(byService.get(service) ?? []), key]);
  }
  const fetched = new Map<ServiceResourceKey, Fetched>();
  await Promise.all(
    [...byService.values()].map(async ([first, ...rest]) => {
      if (first === undefined) return;
      fetched.set(first, await fetchServiceResource(connection, first, signal));
      await Promise.all(
        rest.map(async (key) => {
          fetched.set(key, await fetchServiceResource(connection, key, signal));
        }),
      );
    }),
  );
  return fetched;
}

async function fetchServiceResource(
  connection: ServiceConnection,
  key: ServiceResourceKey,
  signal: AbortSignal | undefined,
): Promise<Fetched> {
  const spec = serviceResourceSpec(key);
  const name = capitalise(ADMIN_SERVICE_NAMES[spec.service]);
  const what = 'cmdlet' in spec ? spec.cmdlet : `GET ${spec.path}`;
  const access = connection.serviceAccess?.[spec.service];
  const unlock = access === undefined ? '' : ` ${access}`;
  const { services } = connection;
  if (services === undefined) {
    return {
      ok: false,
      status: 'skipped',
      reason: `This run has no connection to ${name} (${what}).${unlock}`,
    };
  }
  const unreachable = connection.unreachable.get(spec.service);
  if (unreachable !== undefined) {
    return {
      ok: false,
      status: 'error',
      reason: `Not read: ${name} could not be reached in this run (${unreachable})`,
    };
  }
  const options = signal === undefined ? {} : { signal };
  try {
    if ('cmdlet' in spec) {
      const rows = await services.invokeCmdlet(spec.service, spec.cmdlet, spec.parameters ?? {}, options);
      if (spec.kind === 'list') return { ok: true, value: rows };
      if (rows.length === 0) {
        return { ok: false, status: 'error', reason: `${name}: ${spec.cmdlet} wrote no object.` };
      }
      return { ok: true, value: rows[0] };
    }
    const value =
      spec.kind === 'list'
        ? await services.list(spec.service, spec.path, options)
        : await services.get(spec.service, spec.path, options);
    return { ok: true, value };
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof ServiceNotOfferedError)
      return { ok: false, status: 'skipped', reason: error.message };
    if (error instanceof ForbiddenError || (error instanceof UnauthorizedError && error.status === 401)) {
      return {
        ok: false,
        status: 'skipped',
        reason: `Not permitted: ${name} refused ${what} (${error.status}).${unlock}`,
      };
    }
    const message =
      error instanceof GraphError ? error.summary : error instanceof Error ? error.message : String(error);
    if (
      error instanceof TransientError &&
      error.status === 0 &&
      ['networkError', 'timeout'].includes(error.code)
    ) {
      connection.unreachable.set(spec.service, message);
    }
    return { ok: false, status: 'error', reason: `Reading ${what} from ${name} failed: ${message}` };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
