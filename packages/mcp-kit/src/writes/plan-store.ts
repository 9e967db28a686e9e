import { randomBytes } from 'node:crypto';
import type { ToolTenant } from '../tools/tool-context.js';
import { MemoryPlanRepository } from './memory-plan-repository.js';
import { type PlanKey, planKeyFileVariable, randomPlanKey } from './plan-key.js';
import { hashArguments, openPlanRecord, type StoredPlan, sealPlan } from './plan-record.js';
import type { PlanRepository } from './plan-repository.js';
import type { WritePlan } from './write-plan.js';

export { hashArguments, hashRequests, type StoredPlan } from './plan-record.js';

export const defaultPlanTtlMs = 15 * 60 * 1000;

export type TakePlanResult =
  | { ok: true; plan: StoredPlan }
  | { ok: false; reason: 'unknown' | 'expired' | 'other-tool' }
  /** The stored plan fails its checks (edited in the store, or signed with another key). */
  | { ok: false; reason: 'tampered'; why: string };

export interface PlanStoreOptions {
  /** Where plans are kept; this process's memory by default. */
  repository?: PlanRepository;
  /** Signs and checks plans; a random one for this process by default (memory only). */
  key?: PlanKey;
  ttlMs?: number;
  /** The clock expiry is decided by (tests inject one). */
  now?: () => number;
}

/**
 * The write gate's plans: each sealed (HMAC) when made, kept in a repository, checked again when
 * read back. A plan id is a random capability, and a plan can be taken (applied or cancelled) once,
 * by the principal that made it: to anyone else it does not exist. One PlanStore per process is
 * shared by every server instance (HTTP builds one per request); with a durable repository it is
 * shared by every process that opens the same store with the same key.
 */
export class PlanStore {
  readonly repository: PlanRepository;
  readonly #key: PlanKey;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: PlanStoreOptions = {}) {
    this.repository = options.repository ?? new MemoryPlanRepository();
    if (this.repository.durable && options.key === undefined) {
      throw new Error(
        `Write plans kept in ${this.repository.kind} outlive this process, so they must be signed with a key that does too: set ${planKeyFileVariable} to a key file ("openssl rand -hex 32 > plan.key && chmod 600 plan.key"), or give the server an audit key (M365_AUDIT_KEY_FILE), from which one is derived.`,
      );
    }
    this.#key = options.key ?? randomPlanKey();
    this.#ttlMs = options.ttlMs ?? defaultPlanTtlMs;
    this.#now = options.now ?? Date.now;
  }

  /** The id of the key plans are signed with (safe to log). */
  get keyId(): string {
    return this.#key.id;
  }

  async add(
    tool: string,
    args: Record<string, unknown>,
    plan: WritePlan,
    principal: string,
    tenant?: ToolTenant,
  ): Promise<StoredPlan> {
    const createdAt = this.#now();
    await this.repository.sweep(createdAt);
    const stored: StoredPlan = {
      id: `plan_${randomBytes(18).toString('base64url')}`,
      tool,
      principal,
      ...(tenant === undefined
        ? {}
        : { tenant: { name: tenant.name, tenantId: tenant.tenantId, displayName: tenant.displayName } }),
      argsHash: hashArguments(args),
      args,
      plan,
      createdAt,
      expiresAt: createdAt + this.#ttlMs,
    };
    await this.repository.save(sealPlan(stored, this.#key));
    return stored;
  }

  /**
   * Looks a plan up without using it. Another principal's plan is `unknown`, before anything else
   * is said about it (its tool, its expiry), and stays in the store for its owner.
   */
  async find(id: string, tool: string, principal: string): Promise<TakePlanResult> {
    return this.#check(await this.repository.find(id, principal), tool, principal, false);
  }

  /**
   * Removes the plan and returns it checked, before it is confirmed or applied, so it can never
   * apply twice: of two calls with the same id (on one replica or two), one gets the plan.
   */
  async take(id: string, tool: string, principal: string): Promise<TakePlanResult> {
    return this.#check(await this.repository.take(id, principal, tool), tool, principal, true);
  }

  async close(): Promise<void> {
    await this.repository.close();
  }

  #check(value: unknown, tool: string, principal: string, taken: boolean): TakePlanResult {
    if (value === undefined) return { ok: false, reason: 'unknown' };
    const opened = openPlanRecord(value, this.#key);
    if (!opened.ok) return { ok: false, reason: 'tampered', why: opened.why };
    const { plan } = opened;
    // The row was found by its principal column; the signed principal must say the same.
    if (plan.principal !== principal) {
      return { ok: false, reason: 'tampered', why: 'the stored principal differs from the signed one' };
    }
    if (plan.tool !== tool) {
      return taken
        ? { ok: false, reason: 'tampered', why: 'the stored tool differs from the signed one' }
        : { ok: false, reason: 'other-tool' };
    }
    if (plan.expiresAt <= this.#now()) return { ok: false, reason: 'expired' };
    return { ok: true, plan };
  }
}
