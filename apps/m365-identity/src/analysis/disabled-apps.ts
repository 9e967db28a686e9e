// An app whose service principal is disabled: no token is issued to it in this tenant, so its
// permissions and secrets are not active exposure and an expired secret breaks nothing. What is
// left is clean-up: whoever re-enables it gets the permissions and working secrets back unreviewed.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { AppReport } from './app-report.js';
import { ref } from './findings.js';

export function disabledAppFindings(r: AppReport): Finding[] {
  if (r.highRiskPermissions.length === 0 && r.validCredentials === 0) return [];
  return [
    {
      id: 'identity.apps.disabled_app_with_access',
      title: `Disabled app still holds ${r.highRiskPermissions.length > 0 ? 'high-risk permissions' : 'valid credentials'}: ${r.displayName}`,
      severity: 'low',
      status: 'warning',
      resource: { type: r.objectType, id: r.id, displayName: r.displayName },
      evidence: {
        accountEnabled: false,
        highRiskPermissions: r.highRiskPermissions.map((p) => p.permission),
        validCredentials: r.validCredentials,
      },
      recommendation:
        'Delete the app if it is retired; otherwise remove its high-risk permissions and its credentials, so that re-enabling it cannot restore access nobody reviewed. A multi-tenant app is disabled only here: its credentials still work where other tenants consented to it.',
      references: [ref.mitre('T1098.001', 'Account Manipulation: Additional Cloud Credentials')],
    },
  ];
}
