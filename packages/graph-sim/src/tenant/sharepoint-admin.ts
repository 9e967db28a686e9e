// SharePoint tenant properties of the simulated tenant, as the SharePoint admin API returns them.
// Placeholder shape: the service's simulator defines it.
export type SharePointAdminData = Record<string, unknown>;
