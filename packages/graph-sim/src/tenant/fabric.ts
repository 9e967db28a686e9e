// Fabric (Power BI) tenant settings of the simulated tenant, as the Fabric admin API returns them.
// Placeholder shape: the service's simulator defines it.
export type FabricData = Record<string, unknown>;
