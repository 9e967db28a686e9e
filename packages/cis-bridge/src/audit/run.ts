import type { Finding } from '@m365-mcp/graph-core';

// The run model every source shares (Graph audit, PowerShell audit, imported report), so the store,
// drift and the exporters (JSON and Markdown now; HTML, CSV, OCSF, SARIF later) read one shape.

export const runSources = ['graph', 'powershell', 'cis-audit-json', 'maester', 'scubagear'] as const;
export type RunSource = (typeof runSources)[number];

export type Level = 'L1' | 'L2';
export type Profile = 'E3' | 'E5';

/** One control's outcome in a run: the finding plus where the control sits in the benchmark. */
export interface ControlResult {
  /** Section the control belongs to: CIS section ("1", "5"), or a product/block for imports. */
  section: string;
  level?: Level;
  profile?: Profile;
  finding: Finding;
}

/** One day of Secure Score: the date (yyyy-MM-dd), the points earned and the points available. */
export interface SecureScorePoint {
  date: string;
  score: number;
  max: number;
}

/**
 * The tenant's Microsoft Secure Score when the run was taken: the latest daily score and the history
 * Graph returned (up to 90 days), for the report's overview and trend chart.
 */
export interface SecureScoreSummary {
  current: number;
  max: number;
  /** current / max, 0-100 with one decimal. */
  percentage: number;
  /** When Microsoft computed the latest score (its createdDateTime). */
  asOf: string;
  /** Oldest first, one point a day. */
  series: SecureScorePoint[];
}

export interface AuditRun {
  id: string;
  source: RunSource;
  tenantId?: string;
  tenantName?: string;
  startedAt: string;
  finishedAt: string;
  /** The CIS benchmark version the control ids refer to, when the source says. */
  benchmark?: string;
  /** Free text: the file imported, the filters used. */
  label?: string;
  results: ControlResult[];
  /**
   * The Graph data each control read, by resource key, with volatile fields removed: what drift
   * compares underneath a changed status. Empty for imports.
   */
  snapshots: Record<string, unknown>;
  /**
   * Absent when the score was not read: an import, a run stored before runs carried it, or Graph
   * refused or failed (the report then says "not read").
   */
  secureScore?: SecureScoreSummary;
}
