// The one rule that turns findings into this server's posture status (the assessment contract).
import type { Finding, PostureStatus } from '@m365-mcp/mcp-kit';

export const statusRule =
  'CRITICAL when any check fails with critical severity (for example a privileged user at high risk, an admin with no MFA method, or neither conditional access nor Security Defaults requiring MFA); WARNING when any check fails or warns with high or medium severity; UNKNOWN when nothing failed but a check could not run (not permitted, not licensed, or an error); OK otherwise. Low and info findings never raise the status.';

export function postureStatus(findings: readonly Finding[]): PostureStatus {
  const failing = findings.filter((f) => f.status === 'fail' || f.status === 'warning');
  if (failing.some((f) => f.status === 'fail' && f.severity === 'critical')) return 'critical';
  if (failing.some((f) => f.severity === 'critical' || f.severity === 'high' || f.severity === 'medium')) {
    return 'warning';
  }
  if (findings.some((f) => f.status === 'skipped' || f.status === 'error')) return 'unknown';
  return 'ok';
}
