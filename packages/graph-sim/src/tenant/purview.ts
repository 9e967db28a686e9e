// Purview (Security & Compliance) policies of the simulated tenant, as its Get- cmdlets return them.
// Placeholder shape: the service's simulator defines it.
export type PurviewData = Record<string, unknown>;
