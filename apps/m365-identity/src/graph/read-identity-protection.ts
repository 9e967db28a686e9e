// Identity Protection reads. graph-core paces this workload (about one request a second per tenant,
// no Retry-After), so callers ask once per resource and filter on the server.
import { f, type GraphClient, type ODataFilter } from '@m365-mcp/graph-core';
import { type RiskDetection, type RiskyUser, riskDetectionSchema, riskyUserSchema } from './schemas.js';

export const riskLevels = ['low', 'medium', 'high'] as const;
export const riskStates = ['atRisk', 'confirmedCompromised', 'remediated', 'dismissed'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export type RiskState = (typeof riskStates)[number];

export interface Fetched<T> {
  items: T[];
  /** False when a cap stopped the read before the end of the collection. */
  complete: boolean;
}

const MAX_RISKY_USERS = 1000;
const MAX_DETECTIONS = 1000;

export async function readRiskyUsers(
  graph: GraphClient,
  options: { levels?: readonly RiskLevel[]; states?: readonly RiskState[]; signal?: AbortSignal },
): Promise<Fetched<RiskyUser>> {
  // eq joined by or: Identity Protection documents eq filters on these enums, not `in`.
  const clauses: ODataFilter[] = [];
  if (options.levels && options.levels.length > 0) {
    clauses.push(f.or(...options.levels.map((level) => f.eq('riskLevel', level, { allowed: riskLevels }))));
  }
  if (options.states && options.states.length > 0) {
    clauses.push(f.or(...options.states.map((state) => f.eq('riskState', state, { allowed: riskStates }))));
  }
  const result = await graph.list('/identityProtection/riskyUsers', {
    schema: riskyUserSchema,
    pageSize: 500,
    maxItems: MAX_RISKY_USERS,
    query: clauses.length > 0 ? { $filter: f.and(...clauses) } : {},
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { items: result.items, complete: result.complete };
}

/** Detections since a date, newest first as Graph sorts them by default; one paced read. */
export async function readRiskDetections(
  graph: GraphClient,
  options: { since: Date; signal?: AbortSignal },
): Promise<Fetched<RiskDetection>> {
  const result = await graph.list('/identityProtection/riskDetections', {
    schema: riskDetectionSchema,
    pageSize: 500,
    maxItems: MAX_DETECTIONS,
    query: { $filter: f.ge('activityDateTime', options.since) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { items: result.items, complete: result.complete };
}
