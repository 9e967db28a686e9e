import type { ServerDeps, ServerRuntime } from '../server/server-runtime.js';
import type { PlanStore } from './plan-store.js';

/**
 * The process's plan store: the one handed to the server in its dependencies (`deps.plans`, one per
 * process, shared by every server instance and, when durable, by every replica), else the
 * instance's own. Read through here so the write gate works whichever way the runtime was built.
 */
export function planStoreOf(runtime: ServerRuntime): PlanStore {
  return (runtime.deps as ServerDeps & { plans?: PlanStore }).plans ?? runtime.plans;
}
