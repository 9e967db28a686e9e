// Defender for Office 365 / Exchange Online Protection policies of the simulated tenant (served by Exchange Online).
// Placeholder shape: the service's simulator defines it.
export type DefenderData = Record<string, unknown>;
