// The finding model is defined once, in graph-core (every package that reports findings depends
// on it); the kit re-exports it so a server needs only its own imports from the kit.
export {
  compareFindingSeverity,
  type Finding,
  type FindingReference,
  type FindingResource,
  type FindingSeverity,
  type FindingStatus,
  findingFrameworks,
  findingReferenceSchema,
  findingResourceSchema,
  findingSchema,
  findingSeverities,
  findingSeveritySchema,
  findingStatuses,
  findingStatusSchema,
} from '@m365-mcp/graph-core';
