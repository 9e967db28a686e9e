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
}

export async function fetchServiceResource(
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
    return { ok: false, status: 'error', reason: `Reading ${what} from ${name} failed: ${message}` };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
