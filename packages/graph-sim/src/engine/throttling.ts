// Throttling as Microsoft documents it: token buckets per workload, per app per tenant (identity
// protection: per tenant for all apps), 429s with Graph's codes, and Retry-After except where the
// service sends none. A client that comes back before the Retry-After it was given is marked
// `earlyRetry` and, in 'faithful' mode, throttled again (the idea of Dev Proxy's RetryAfterPlugin).
import type { Workload } from './route.js';

export type ThrottlingMode = 'off' | 'faithful';
export type ThrottledWorkload = Exclude<Workload, 'other'>;

export interface ThrottleBudget {
  /** Bucket size, in resource units (or requests, for request-counted workloads). */
  capacity: number;
  refillPerSecond: number;
  /** Send this Retry-After instead of the computed wait (e.g. 0 in tests); ignored where none is sent. */
  retryAfterSeconds?: number;
}

interface WorkloadPolicy extends ThrottleBudget {
  scope: 'app' | 'tenant';
  sendsRetryAfter: boolean;
  code: string;
}

const DEFAULT_POLICIES: Record<ThrottledWorkload, WorkloadPolicy> = {
  // 8,000 RU per 10 s per app per tenant (large tenants).
  directory: {
    capacity: 8000,
    refillPerSecond: 800,
    scope: 'app',
    sendsRetryAfter: true,
    code: 'TooManyRequests',
  },
  // 1 request per second per tenant for all apps, and no Retry-After.
  identityProtection: {
    capacity: 1,
    refillPerSecond: 1,
    scope: 'tenant',
    sendsRetryAfter: false,
    code: 'TooManyRequests',
  },
  // 5 requests per 10 s per app per tenant.
  reports: {
    capacity: 5,
    refillPerSecond: 0.5,
    scope: 'app',
    sendsRetryAfter: true,
    code: 'TooManyRequests',
  },
  // 150 requests per minute per app per tenant.
  security: {
    capacity: 150,
    refillPerSecond: 2.5,
    scope: 'app',
    sendsRetryAfter: true,
    code: 'TooManyRequests',
  },
  // 1,250 RU per minute per app per tenant.
  sharepoint: {
    capacity: 1250,
    refillPerSecond: 1250 / 60,
    scope: 'app',
    sendsRetryAfter: true,
    code: 'activityLimitReached',
  },
};

export type ThrottleDecision =
  | { throttled: false }
  | {
      throttled: true;
      retryAfter: number | null;
      code: string;
      message: string;
      headers: Record<string, string>;
    };

export interface ThrottleRequest {
  workload: Workload;
  tenantId: string;
  clientId: string;
  cost: number;
  /** Epoch ms. */
  now: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export interface ThrottlingControl {
  readonly mode: ThrottlingMode;
  setMode(mode: ThrottlingMode): void;
  /** Shrinks or grows a workload's budget (tests and benchmarks); resets that workload's buckets. */
  configure(workload: ThrottledWorkload, budget: ThrottleBudget): void;
  /** Full buckets, defaults restored, and every Retry-After forgotten. */
  reset(): void;
}

export class ThrottlingModel implements ThrottlingControl {
  private policies: Record<ThrottledWorkload, WorkloadPolicy> = structuredClone(DEFAULT_POLICIES);
  private buckets = new Map<string, Bucket>();
  /** When each (workload, app) may come back, from the last Retry-After it was given. */
  private retryDeadlines = new Map<string, number>();

  constructor(public mode: ThrottlingMode) {}

  setMode(mode: ThrottlingMode): void {
    this.mode = mode;
  }

  configure(workload: ThrottledWorkload, budget: ThrottleBudget): void {
    if (!(workload in this.policies))
      throw new Error(`graph-sim: no throttling budget for workload '${workload}'`);
    if (!(budget.capacity > 0) || !(budget.refillPerSecond > 0)) {
      throw new Error('graph-sim: a throttling budget needs a positive capacity and refill rate');
    }
    const policy = this.policies[workload];
    this.policies[workload] = { ...policy, ...budget };
    for (const key of [...this.buckets.keys()]) if (key.startsWith(`${workload}|`)) this.buckets.delete(key);
  }

  reset(): void {
    this.policies = structuredClone(DEFAULT_POLICIES);
    this.buckets.clear();
    this.retryDeadlines.clear();
  }

  /** Whether the app is back before the Retry-After it was last given for this workload. */
  isEarlyRetry(workload: Workload, clientId: string, now: number): boolean {
    const deadline = this.retryDeadlines.get(`${workload}|${clientId}`);
    return deadline !== undefined && now < deadline;
  }

  /** Remembers a Retry-After handed out (by the model or a scripted fault) to detect early retries. */
  noteRetryAfter(workload: Workload, clientId: string, retryAfterSeconds: number, now: number): void {
    this.retryDeadlines.set(`${workload}|${clientId}`, now + retryAfterSeconds * 1000);
  }

  decide(request: ThrottleRequest, earlyRetry: boolean): ThrottleDecision {
    if (this.mode === 'off' || request.workload === 'other') return { throttled: false };
    const policy = this.policies[request.workload];
    const message = `Too many requests from Identifier:${request.clientId}+${request.tenantId} under category:throttled. Please try again later.`;
    if (earlyRetry) {
      const deadline = this.retryDeadlines.get(`${request.workload}|${request.clientId}`) ?? request.now;
      const retryAfter = Math.max(1, Math.ceil((deadline - request.now) / 1000));
      return {
        throttled: true,
        retryAfter,
        code: policy.code,
        message,
        headers: this.throttleHeaders(request),
      };
    }
    const key =
      policy.scope === 'tenant'
        ? `${request.workload}|${request.tenantId}`
        : `${request.workload}|${request.tenantId}|${request.clientId}`;
    const bucket = this.buckets.get(key) ?? { tokens: policy.capacity, updated: request.now };
    bucket.tokens = Math.min(
      policy.capacity,
      bucket.tokens + ((request.now - bucket.updated) / 1000) * policy.refillPerSecond,
    );
    bucket.updated = request.now;
    this.buckets.set(key, bucket);
    const cost = Math.min(request.cost, policy.capacity);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { throttled: false };
    }
    const waitSeconds = (cost - bucket.tokens) / policy.refillPerSecond;
    const retryAfter = policy.sendsRetryAfter
      ? (policy.retryAfterSeconds ?? Math.max(1, Math.ceil(waitSeconds)))
      : null;
    return {
      throttled: true,
      retryAfter,
      code: policy.code,
      message,
      headers: this.throttleHeaders(request),
    };
  }

  private throttleHeaders(request: ThrottleRequest): Record<string, string> {
    if (request.workload !== 'directory') return {};
    return {
      'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${request.clientId}/${request.tenantId}`,
      'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
    };
  }
}
