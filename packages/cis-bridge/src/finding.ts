// The finding model is defined once, in graph-core (DESIGN "Findings"); cis-bridge re-exports it
// for its own modules and for clients that read reports without depending on graph-core
// (m365-posture), with the assessment contract those clients read beside it.

// The names controls/ still imports (issue 14 owns those files this session); new code uses the
// Finding* names above. Type names only: the values are defined once, in graph-core.
export type {
  FindingEvidenceValue as EvidenceValue,
  FindingReference as Reference,
  FindingSeverity as Severity,
  FindingStatus as Status,
} from '@m365-mcp/graph-core';
export {
  assessmentMetaKey,
  compareFindingSeverity,
  type Finding,
  type FindingEvidenceValue,
  type FindingReference,
  type FindingSeverity,
  type FindingStatus,
  findingFrameworks,
  findingSchema,
  findingSeverities,
  findingStatuses,
  type PostureStatus,
  postureStatuses,
} from '@m365-mcp/graph-core';
