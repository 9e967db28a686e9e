// The finding model is defined once, in graph-core (DESIGN "Findings"); cis-bridge's modules import
// it from @m365-mcp/graph-core. This file keeps the names controls/ and a few of issue 14's files
// still import from here (their owner moves them over). Re-exports only: nothing is defined here.
export type {
  FindingEvidenceValue as EvidenceValue,
  FindingReference as Reference,
  FindingSeverity as Severity,
  FindingStatus,
  FindingStatus as Status,
} from '@m365-mcp/graph-core';
