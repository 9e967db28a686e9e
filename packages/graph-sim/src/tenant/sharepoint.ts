// SharePoint and OneDrive data of the simulated tenant, in Graph's shapes. Extended by the
// SharePoint routes.
export interface SharePointData {
  settings: Record<string, unknown>;
}
