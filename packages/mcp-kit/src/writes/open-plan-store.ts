import { join } from 'node:path';
import type { AuditKey } from '@m365-mcp/audit-log';
import { explainedOpen } from './explained-plan-repository.js';
import { derivePlanKey, loadPlanKeyFile, type PlanKey, planKeyFileVariable } from './plan-key.js';
import type { PlanRepository } from './plan-repository.js';
import { PlanStore } from './plan-store.js';
import { SqlitePlanRepository } from './sqlite-plan-repository.js';

// Where a server process keeps its write plans, chosen once at start (one PlanStore per process,
// handed to every server instance): PostgreSQL when a DATABASE_URL is set (replicas share plans),
// a SQLite file when asked for one (M365_MCP_PLANS_PATH, or `durable` as an HTTP server wants: a
// restart keeps plans), this process's memory otherwise (stdio: today's behaviour).

/** Names the variable that puts plans in a SQLite file of the operator's choosing. */
export const plansPathVariable = 'M365_MCP_PLANS_PATH';

export interface OpenPlanStoreOptions {
  env: Record<string, string | undefined>;
  /** The server's data directory (where the audit log lives): `plans.db` goes there. */
  dataDir: string;
  /** postgres://...: plans in PostgreSQL (table write_plans, migration 020). */
  databaseUrl?: string | undefined;
  /** Keep plans in a file even without M365_MCP_PLANS_PATH (an HTTP server). */
  durable?: boolean;
  /** The signing key; otherwise M365_MCP_PLAN_KEY_FILE, else derived from `auditKey`. */
  key?: PlanKey;
  /** The server's audit key, from which the plan key is derived when no key file is named. */
  auditKey?: AuditKey | undefined;
  ttlMs?: number | undefined;
  now?: () => number;
}

/** The plan key: the key file named in the environment, else derived from the audit key. */
export async function planKeyFrom(
  options: Pick<OpenPlanStoreOptions, 'env' | 'key' | 'auditKey'>,
): Promise<PlanKey | undefined> {
  if (options.key !== undefined) return options.key;
  const file = options.env[planKeyFileVariable]?.trim();
  if (file) return loadPlanKeyFile(file);
  return options.auditKey === undefined ? undefined : derivePlanKey(options.auditKey);
}

/** Opens the process's plan store; a durable one without a key is refused with what to set. */
export async function openPlanStore(options: OpenPlanStoreOptions): Promise<PlanStore> {
  const key = await planKeyFrom(options);
  const repository = await openRepository(options);
  try {
    return new PlanStore({
      ...(repository === undefined ? {} : { repository }),
      ...(key === undefined ? {} : { key }),
      ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  } catch (error) {
    await repository?.close();
    throw error;
  }
}

async function openRepository(options: OpenPlanStoreOptions): Promise<PlanRepository | undefined> {
  if (options.databaseUrl) return openPostgresPlans(options.databaseUrl);
  const path = options.env[plansPathVariable]?.trim();
  if (path) return new SqlitePlanRepository(path);
  if (options.durable) return new SqlitePlanRepository(join(options.dataDir, 'plans.db'));
  return undefined;
}

interface PostgresPlans {
  openPgPlanStore(databaseUrl: string): Promise<PlanRepository>;
}

// @m365-mcp/postgres (and pg) is loaded only when a DATABASE_URL is set, so a server without one
// starts as light as before. Named through a variable: the kit declares the package as optional.
const postgresPackage: string = '@m365-mcp/postgres';

function openPostgresPlans(databaseUrl: string): Promise<PlanRepository> {
  return explainedOpen(async () => {
    const postgres = (await import(postgresPackage)) as PostgresPlans;
    return postgres.openPgPlanStore(databaseUrl);
  });
}
