import type { ComplianceData } from '../compliance.js';

export function demoCompliance(_now: Date): ComplianceData {
  return { retentionEvents: [] };
}
