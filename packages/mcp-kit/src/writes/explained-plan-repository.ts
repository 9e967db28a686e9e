import { ConfigurationError } from '@m365-mcp/auth';
import type { PlanRecord } from './plan-record.js';
import type { PlanRepository } from './plan-repository.js';

// The store's failures an operator fixes (PostgreSQL unreachable, a refused migration, a malformed
// URL) reach the caller and the audit log as what they are, through the kit's configuration-error
// path, instead of "failed unexpectedly". Their messages name host, port and database, never the
// password (see @m365-mcp/postgres's errors).
const OPERATOR_ERRORS = new Set(['DatabaseUnavailableError', 'MigrationError']);

function explained(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (OPERATOR_ERRORS.has(error.name) || error.message.startsWith('DATABASE_URL'))
    return new ConfigurationError(`the write-plan store: ${error.message}`, ['DATABASE_URL']);
  return error;
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explained(error);
  }
}

/** `inner` with its operator-fixable failures explained (see above). */
export function explainedPlanRepository(inner: PlanRepository): PlanRepository {
  return {
    kind: inner.kind,
    durable: inner.durable,
    save: (plan: PlanRecord) => call(() => inner.save(plan)),
    find: (id, principal) => call(() => inner.find(id, principal)),
    take: (id, principal, tool) => call(() => inner.take(id, principal, tool)),
    sweep: (now) => call(() => inner.sweep(now)),
    close: () => inner.close(),
  };
}

/** Opening the store: the same explanation, for the start-up error. */
export async function explainedOpen(open: () => Promise<PlanRepository>): Promise<PlanRepository> {
  return explainedPlanRepository(await call(open));
}
