// What changed for a tenant since the previous portfolio run: its status, and which failing
// findings are new or resolved. Findings are compared only when both runs assessed the tenant: a
// run that could not read it says nothing about its findings (they would all look resolved).
import { findingSeverities, postureStatuses } from '@m365-mcp/cis-bridge';
import { z } from 'zod';
import type { PostureStatus } from '../assessment.js';

const findingSchema = z.object({
  key: z.string(),
  title: z.string(),
  severity: z.enum(findingSeverities),
  server: z.string(),
});
type Finding = z.infer<typeof findingSchema>;

/** The part of an earlier portfolio.json a run compares against. */
const previousSchema = z.object({
  kind: z.literal('m365-posture-portfolio'),
  version: z.literal(1),
  generatedAt: z.string(),
  tenants: z.array(
    z.object({
      tenantId: z.string(),
      state: z.enum(['assessed', 'not-assessed']),
      status: z.enum(postureStatuses),
      findings: z.array(findingSchema),
    }),
  ),
});
export type PreviousPortfolio = z.infer<typeof previousSchema>;

/** Reads an earlier portfolio.json; throws an error saying what is wrong with it. */
export function parsePreviousPortfolio(text: string, source: string): PreviousPortfolio {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  const parsed = previousSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${source} is not a version 1 m365-posture portfolio: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'unreadable'}`,
    );
  }
  return parsed.data;
}

type Brief = Omit<Finding, 'key'>;

export type PortfolioChange =
  /** No earlier portfolio to compare with. */
  | { kind: 'first-run' }
  /** The earlier portfolio did not have this tenant. */
  | { kind: 'new-tenant' }
  /** Both runs assessed the tenant. */
  | {
      kind: 'compared';
      previousStatus: PostureStatus;
      statusChanged: boolean;
      newFindings: Brief[];
      resolvedFindings: Brief[];
    }
  /** One of the runs could not assess the tenant: only the status is compared. */
  | { kind: 'status-only'; previousStatus: PostureStatus; statusChanged: boolean };

const brief = ({ key: _key, ...rest }: Finding): Brief => rest;

export function comparePortfolioTenant(
  current: {
    tenantId: string;
    state: 'assessed' | 'not-assessed';
    status: PostureStatus;
    findings: Finding[];
  },
  previous: PreviousPortfolio | undefined,
): PortfolioChange {
  if (!previous) return { kind: 'first-run' };
  // Tenant ids are GUIDs: the same tenant whatever their case.
  const id = current.tenantId.toLowerCase();
  const before = previous.tenants.find((t) => t.tenantId.toLowerCase() === id);
  if (!before) return { kind: 'new-tenant' };
  const statusChanged = before.status !== current.status;
  if (before.state !== 'assessed' || current.state !== 'assessed') {
    return { kind: 'status-only', previousStatus: before.status, statusChanged };
  }
  const nowKeys = new Set(current.findings.map((f) => f.key));
  const beforeKeys = new Set(before.findings.map((f) => f.key));
  return {
    kind: 'compared',
    previousStatus: before.status,
    statusChanged,
    newFindings: current.findings.filter((f) => !beforeKeys.has(f.key)).map(brief),
    resolvedFindings: before.findings.filter((f) => !nowKeys.has(f.key)).map(brief),
  };
}
