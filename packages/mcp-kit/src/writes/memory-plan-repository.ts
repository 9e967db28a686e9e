import type { PlanRecord } from './plan-record.js';
import type { PlanRepository } from './plan-repository.js';

/** Plans in this process's memory: gone with it (stdio, and the default). */
export class MemoryPlanRepository implements PlanRepository {
  readonly kind = 'memory';
  readonly durable = false;
  readonly #plans = new Map<string, PlanRecord>();

  async save(plan: PlanRecord): Promise<void> {
    // Ids are random; one seen twice is a bug, and a plan is never overwritten (as in SQL stores).
    if (this.#plans.has(plan.id)) throw new Error(`a plan with id ${plan.id} is already stored`);
    // A copy, so a caller that keeps the object cannot change the stored plan.
    this.#plans.set(plan.id, structuredClone(plan));
  }

  async find(id: string, principal: string): Promise<unknown | undefined> {
    const plan = this.#plans.get(id);
    return plan?.principal === principal ? structuredClone(plan) : undefined;
  }

  async take(id: string, principal: string, tool: string): Promise<unknown | undefined> {
    const plan = this.#plans.get(id);
    if (plan?.principal !== principal || plan.tool !== tool) return undefined;
    this.#plans.delete(id);
    return plan;
  }

  async sweep(now: number): Promise<number> {
    let removed = 0;
    for (const [id, plan] of this.#plans) {
      if (plan.expiresAt <= now) {
        this.#plans.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.#plans.clear();
  }
}
