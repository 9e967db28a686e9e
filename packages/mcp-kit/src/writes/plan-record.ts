import { z } from 'zod';
import { canonicalHash, canonicalJson } from './canonical-json.js';
import type { PlanKey } from './plan-key.js';
import { type PlannedRequest, writePlanSchema } from './write-plan.js';

// A write plan as it is stored: what the write gate shows and applies, plus the hashes and the MAC
// that make a stored plan trustworthy again when it is read back (after a restart, on another
// replica, from a table anyone with database access could edit).

const tenantSchema = z.object({ name: z.string(), tenantId: z.string(), displayName: z.string() });

export const planRecordSchema = z.object({
  id: z.string().min(1),
  tool: z.string().min(1),
  /** Who made the plan (see http/principal.ts); only they can find, confirm or apply it. */
  principal: z.string().min(1),
  /** The tenant the plan was made for (with a tenants registry); it applies to that tenant only. */
  tenant: tenantSchema.optional(),
  argsHash: z.string(),
  args: z.record(z.string(), z.unknown()),
  plan: writePlanSchema,
  /** SHA-256 of the exact Graph requests the plan sends (method, path, version, body). */
  requestsHash: z.string(),
  /** SHA-256 of the whole plan, as shown to the user (summary, targets, blast radius, undo). */
  planHash: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  /** HMAC-SHA256 over everything above but args and plan (which their hashes stand for). */
  mac: z.string(),
  /** Which key made `mac` (its id, never the key). */
  keyId: z.string(),
});
export type PlanRecord = z.infer<typeof planRecordSchema>;

/** A plan as the write gate uses it (the record without its seal). */
export type StoredPlan = Omit<PlanRecord, 'requestsHash' | 'planHash' | 'mac' | 'keyId'>;

export function hashArguments(args: Record<string, unknown>): string {
  return canonicalHash(args);
}

/** The hash of what a plan will send: each request's method, version, path and body, in order. */
export function hashRequests(requests: readonly PlannedRequest[]): string {
  return canonicalHash(
    requests.map((r) => ({
      method: r.method,
      version: r.version ?? 'v1.0',
      path: r.path,
      body: r.body ?? null,
    })),
  );
}

function macText(record: Omit<PlanRecord, 'mac' | 'keyId' | 'args' | 'plan'>): string {
  return canonicalJson({
    v: 1,
    id: record.id,
    tool: record.tool,
    principal: record.principal,
    // The whole tenant: its id decides where the plan applies, its names what the user is shown.
    tenant: record.tenant ?? null,
    argsHash: record.argsHash,
    requestsHash: record.requestsHash,
    planHash: record.planHash,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
  });
}

/** Seals a plan for storage. */
export function sealPlan(plan: StoredPlan, key: PlanKey): PlanRecord {
  const unsealed = {
    ...plan,
    requestsHash: hashRequests(plan.plan.requests),
    planHash: canonicalHash(plan.plan),
  };
  return { ...unsealed, mac: key.mac(macText(unsealed)), keyId: key.id };
}

export type OpenedPlan = { ok: true; plan: StoredPlan } | { ok: false; why: string };

/**
 * Checks a record read from a store before anything trusts it: the shape, the MAC (with the same
 * key), and that the arguments, the plan and its requests still hash to the sealed values. `why` is
 * for the audit line and the operator; it names no secret.
 */
export function openPlanRecord(value: unknown, key: PlanKey): OpenedPlan {
  const parsed = planRecordSchema.safeParse(value);
  if (!parsed.success) return { ok: false, why: 'the stored plan is not a plan record' };
  const record = parsed.data;
  if (record.keyId !== key.id) {
    return {
      ok: false,
      why: `the plan was signed with another key (${record.keyId}, this server has ${key.id})`,
    };
  }
  if (!timingSafeEqualHex(key.mac(macText(record)), record.mac)) {
    return { ok: false, why: 'the signature does not match the stored plan' };
  }
  if (hashArguments(record.args) !== record.argsHash) return { ok: false, why: 'the arguments were changed' };
  if (hashRequests(record.plan.requests) !== record.requestsHash) {
    return { ok: false, why: 'the Graph requests were changed' };
  }
  if (canonicalHash(record.plan) !== record.planHash) return { ok: false, why: 'the plan was changed' };
  const { requestsHash: _r, planHash: _p, mac: _m, keyId: _k, ...plan } = record;
  // What was checked is what is sent: nothing may change the plan between this check and the send.
  return { ok: true, plan: deepFreeze(plan) };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function timingSafeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
