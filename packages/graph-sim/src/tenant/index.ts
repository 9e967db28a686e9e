// The tenant model and the tenants that come with the simulator.

export type { ComplianceData } from './compliance.js';
export * from './demo/directory/public.js';
export { demoDnsZone, dkimTarget, MICROSOFT_SPF } from './demo/dns.js';
export { createDemoTenant, type DemoTenantOptions } from './demo/index.js';
export { CONTOSO_TENANT_ID, type DemoPerson, type DemoPersonKey, demoPeople } from './demo/people.js';
export * from './demo/security/public.js';
export type { DirectoryData, GraphUser } from './directory.js';
export type { Tenant } from './model.js';
export type { SecurityData } from './security.js';
export * from './sharepoint/public.js';
export type { SharePointData } from './sharepoint.js';
