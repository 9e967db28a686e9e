import { createHash, randomBytes } from 'node:crypto';
import type { ToolTenant } from '../tools/tool-context.js';
import type { WritePlan } from './write-plan.js';

export interface StoredPlan {
  id: string;
  tool: string;
  /** Who made the plan (see http/principal.ts); only they can read, confirm or apply it. */
  principal: string;
  /** The tenant the plan was made for (with a tenants registry); it applies to that tenant only. */
  tenant?: ToolTenant;
  argsHash: string;
  args: Record<string, unknown>;
  plan: WritePlan;
  createdAt: number;
  expiresAt: number;
}

export const defaultPlanTtlMs = 15 * 60 * 1000;

/** Key order must not change the hash: `{a,b}` and `{b,a}` are the same arguments. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function hashArguments(args: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex');
}

export type TakePlanResult =
  | { ok: true; plan: StoredPlan }
  | { ok: false; reason: 'unknown' | 'expired' | 'other-tool' };

/**
 * Plans live in memory for one server process: a plan id is a random capability that only this
 * process issued, and a plan can be taken (applied or cancelled) once. A plan belongs to the
 * principal that made it: to anyone else it does not exist. (Each HTTP session has its own store
 * and answers only its own principal already; this holds even if a store is ever shared.)
 */
export class PlanStore {
  readonly #plans = new Map<string, StoredPlan>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? defaultPlanTtlMs;
    this.#now = options.now ?? Date.now;
  }

  add(
    tool: string,
    args: Record<string, unknown>,
    plan: WritePlan,
    principal: string,
    tenant?: ToolTenant,
  ): StoredPlan {
    this.#sweep();
    const createdAt = this.#now();
    const stored: StoredPlan = {
      id: `plan_${randomBytes(18).toString('base64url')}`,
      tool,
      principal,
      ...(tenant === undefined ? {} : { tenant }),
      argsHash: hashArguments(args),
      args,
      plan,
      createdAt,
      expiresAt: createdAt + this.#ttlMs,
    };
    this.#plans.set(stored.id, stored);
    return stored;
  }

  /**
   * Looks a plan up without using it. Another principal's plan is `unknown`, before anything else
   * is said about it (its tool, its expiry), and stays in the store for its owner.
   */
  find(id: string, tool: string, principal: string): TakePlanResult {
    const stored = this.#plans.get(id);
    if (!stored || stored.principal !== principal) return { ok: false, reason: 'unknown' };
    if (stored.tool !== tool) return { ok: false, reason: 'other-tool' };
    if (stored.expiresAt <= this.#now()) {
      this.#plans.delete(id);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, plan: stored };
  }

  /**
   * Removes the plan before it is confirmed or applied, so it can never apply twice, even when a
   * second call with the same id arrives while the first waits for the user.
   */
  consume(id: string, principal: string): boolean {
    if (this.#plans.get(id)?.principal !== principal) return false;
    return this.#plans.delete(id);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, stored] of this.#plans) if (stored.expiresAt <= now) this.#plans.delete(id);
  }
}
