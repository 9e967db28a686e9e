// The one rule that turns the assessment's findings and sharing totals into its posture status
// (the assessment contract), stated to users as STATUS_RULE.
import type { Finding, PostureStatus } from '@m365-mcp/mcp-kit';
import type { AuditTotals } from './totals.js';

export const STATUS_RULE =
  'critical when a live anyone link allows editing or never expires; warning when a sharing setting fails its CIS/CISA ' +
  'check, or when anyone, external, everyone-style or organization-edit sharing is found, or when the bounded audit ' +
  'did not cover the whole tenant; unknown when none of that holds but an area or a setting could not be read (not ' +
  'permitted, or an error: see its finding); ok otherwise. Links whose expiry has passed are not exposure.';

/** `sharing` is undefined when the sharing audit could not run. */
export function postureStatus(
  findings: readonly Finding[],
  sharing: { totals: AuditTotals; complete: boolean } | undefined,
): PostureStatus {
  const t = sharing?.totals;
  if (t && (t.anonymousEdit > 0 || t.anonymousWithoutExpiry > 0)) return 'critical';
  const settingsFail = findings.some((f) => f.id.startsWith('sharepoint.settings.') && f.status === 'fail');
  const exposure =
    t !== undefined &&
    (t.byScope.anonymous > 0 ||
      t.externalGrants > 0 ||
      t.everyoneGrants > 0 ||
      t.organizationEdit > 0 ||
      !sharing?.complete);
  if (settingsFail || exposure) return 'warning';
  if (findings.some((f) => f.status === 'skipped' || f.status === 'error')) return 'unknown';
  return 'ok';
}
