import { z } from 'zod';

// The finding shape every m365-mcp check reports (DESIGN "Findings"). cis-bridge knows nothing of
// MCP, so it declares the shape itself; it is structurally identical to mcp-kit's `findingSchema`,
// which the servers validate against.

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

// `skipped` (not licensed, not permitted) must never be folded into pass or fail.
export const statuses = ['fail', 'warning', 'pass', 'manual', 'skipped', 'error', 'not_applicable'] as const;
export type Status = (typeof statuses)[number];

export const frameworks = ['CIS', 'CISA-SCuBA', 'EIDSCA', 'MITRE-ATTACK', 'Microsoft'] as const;
export type Framework = (typeof frameworks)[number];

export interface Reference {
  framework: Framework;
  id: string;
  version?: string;
  title?: string;
  url?: string;
}

export type EvidenceValue = string | number | boolean | null | unknown[] | Record<string, unknown>;

export interface Finding {
  id: string;
  title: string;
  severity: Severity;
  status: Status;
  resource: { type: string; id: string; displayName?: string };
  evidence: Record<string, EvidenceValue>;
  recommendation: string;
  references: Reference[];
  reason?: string;
}

const evidenceValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

export const findingSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(severities),
  status: z.enum(statuses),
  resource: z.object({ type: z.string(), id: z.string(), displayName: z.string().optional() }),
  evidence: z.record(z.string(), evidenceValueSchema),
  recommendation: z.string(),
  references: z.array(
    z.object({
      framework: z.enum(frameworks),
      id: z.string(),
      version: z.string().optional(),
      title: z.string().optional(),
      url: z.string().optional(),
    }),
  ),
  reason: z.string().optional(),
});

const severityRank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return severityRank[a.severity] - severityRank[b.severity];
}
