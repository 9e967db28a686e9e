// Teams tenant settings of the simulated tenant, as the Teams admin API returns them.
// Placeholder shape: the service's simulator defines it.
export type TeamsData = Record<string, unknown>;
