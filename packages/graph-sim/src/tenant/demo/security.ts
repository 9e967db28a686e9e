import type { SecurityData } from '../security.js';

export function demoSecurity(_now: Date): SecurityData {
  return { alerts: [], incidents: [] };
}
