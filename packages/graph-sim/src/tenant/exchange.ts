// Exchange Online settings of the simulated tenant, as its Get- cmdlets return them.
// Placeholder shape: the service's simulator defines it.
export type ExchangeData = Record<string, unknown>;
