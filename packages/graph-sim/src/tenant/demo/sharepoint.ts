import type { SharePointData } from '../sharepoint.js';

export function demoSharePoint(_now: Date): SharePointData {
  return { settings: {} };
}
