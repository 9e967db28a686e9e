import type { SharePointAdminData } from '../sharepoint-admin.js';

/** The demo tenant's SharePoint tenant properties. */
export function demoSharePointAdmin(_now: Date): SharePointAdminData {
  return {};
}
