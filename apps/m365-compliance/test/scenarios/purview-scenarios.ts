import type { Tenant } from '@m365-mcp/graph-sim';
import type { ControlScenario } from './scenario-row.js';

// CIS 3.2 and 3.3 over Security & Compliance's DLP and label policies. The demo plants 3.2.2 (its
// Teams DLP policy is still in simulation); 3.2.1 and 3.3.1 pass as planted.

const dlp = (t: Tenant, name: string) => {
  const found = t.purview.dlpCompliancePolicies.find((p) => p.Name === name);
  if (!found) throw new Error(`The demo tenant has no DLP policy ${name}`);
  return found;
};

/** One row per control evaluated over this service's admin API (see control-scenarios.ts). */
export const purviewScenarios: ControlScenario[] = [
  {
    id: 'CIS.M365.3.2.1',
    fail: (t) => {
      for (const p of t.purview.dlpCompliancePolicies) p.Mode = 'TestWithoutNotifications';
    },
    failEvidence: { enforcedPolicies: [] },
    passEvidence: { enforcedPolicies: ['U.S. Financial Data'] },
  },
  {
    id: 'CIS.M365.3.2.2',
    failEvidence: {
      teamsPolicies: [{ policy: 'Teams PII pilot', Mode: 'TestWithNotifications', TeamsLocation: ['All'] }],
      enforcedForTeams: [],
    },
    pass: (t) => {
      dlp(t, 'Teams PII pilot').Mode = 'Enable';
    },
    passEvidence: { enforcedForTeams: ['Teams PII pilot'] },
  },
  {
    id: 'CIS.M365.3.3.1',
    fail: (t) => {
      t.purview.labelPolicies = [];
    },
    failEvidence: { labelPolicies: [], publishedPolicies: [] },
    passEvidence: { publishedPolicies: ['Contoso default labels'] },
  },
];
