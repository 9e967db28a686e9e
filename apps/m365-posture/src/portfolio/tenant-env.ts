// The environment a server is started with to assess one tenant of the registry: posture's usual
// per-server environment (server-env.ts), the run's extra variables (the demo's CA and audit log),
// then the tenant's sign-in from the registry on top (tenantEnvironment: the tenant id, the app and
// where its credential is; the base's own credential variables removed). Each server process serves
// exactly that tenant, so the registry itself is never passed on: a server that saw M365_TENANTS_FILE
// would ask for a `tenant` argument on every tool.
import {
  TENANTS_FILE_VARIABLE,
  type TenantEntry,
  type TenantRegistry,
  tenantEnvironment,
} from '@m365-mcp/auth';
import { environmentFor } from '../server-env.js';

export function tenantServerEnvironment(input: {
  registry: TenantRegistry;
  tenant: TenantEntry;
  server: string;
  /** Every server of the run, so none sees another's prefixed variables. */
  servers: readonly string[];
  callerEnv: Readonly<Record<string, string | undefined>>;
  extra?: Record<string, string>;
}): Record<string, string> {
  const base: Record<string, string> = {
    ...environmentFor(input.server, input.callerEnv, input.servers),
    ...input.extra,
  };
  delete base[TENANTS_FILE_VARIABLE];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(tenantEnvironment(input.registry, input.tenant, base))) {
    if (value !== undefined && key !== TENANTS_FILE_VARIABLE) env[key] = value;
  }
  return env;
}
