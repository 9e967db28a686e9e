import type { PlanRecord } from './plan-record.js';

/**
 * Where sealed write plans are kept: this process's memory (stdio), a SQLite file (one machine,
 * survives a restart) or PostgreSQL (replicas). The store only keeps rows; signing, checking and
 * expiry decisions are the PlanStore's (plan-store.ts), so every backend behaves the same.
 */
export interface PlanRepository {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** Whether plans outlive the process (a durable store needs a key that does too). */
  readonly durable: boolean;
  save(plan: PlanRecord): Promise<void>;
  /**
   * The plan with this id made by this principal, as stored (not yet checked); undefined for
   * another principal's plan, as for one that does not exist.
   */
  find(id: string, principal: string): Promise<unknown | undefined>;
  /**
   * Removes and returns the plan with this id, principal and tool, atomically: of two concurrent
   * takes (in one process or in two) exactly one gets the plan, the other undefined.
   */
  take(id: string, principal: string, tool: string): Promise<unknown | undefined>;
  /** Removes the plans that expired at `now` (ms since the epoch); returns how many. */
  sweep(now: number): Promise<number>;
  close(): Promise<void>;
}
