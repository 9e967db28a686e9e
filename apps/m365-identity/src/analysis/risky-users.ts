// Who Identity Protection says is at risk, with the evidence (recent detections), privileged users
// first: a Global Administrator at high risk is the most urgent thing an identity review can find.
// A disabled account at risk is contained (it cannot sign in): it is listed, not counted as exposure.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { RiskDetection, RiskyUser } from '../graph/schemas.js';
import { type TenantText, tenantResource, userLabel, userResource, validAccountsCloud } from './findings.js';

export interface DetectionView {
  id: string;
  riskEventType: string;
  riskLevel: string;
  riskState: string;
  activityDateTime: string | null;
  ipAddress: string | null;
  location: string | null;
}

export interface RiskyUserView {
  id: string;
  userPrincipalName: string | null;
  displayName: string | null;
  riskLevel: string;
  riskState: string;
  riskDetail: string | null;
  riskLastUpdatedDateTime: string | null;
  /** Directory roles the user holds or may activate (privileged ones only). */
  privilegedRoles: string[];
  /** False when the account is disabled (contained). */
  accountEnabled: boolean;
  detections: DetectionView[];
}

const levelRank: Record<string, number> = { high: 0, medium: 1, low: 2, none: 3, hidden: 4 };
const ACTIVE_STATES = new Set(['atRisk', 'confirmedCompromised']);

function detectionView(text: TenantText, d: RiskDetection): DetectionView {
  const place = [d.location?.city, d.location?.countryOrRegion].filter((p): p is string => !!p).join(', ');
  return {
    id: d.id,
    riskEventType: text(d.riskEventType),
    riskLevel: d.riskLevel,
    riskState: d.riskState,
    activityDateTime: d.activityDateTime ?? null,
    ipAddress: d.ipAddress ?? null,
    location: place ? text(place) : null,
  };
}

export function riskyUserViews(
  text: TenantText,
  riskyUsers: readonly RiskyUser[],
  detections: readonly RiskDetection[],
  privilegedRoles: ReadonlyMap<string, readonly string[]>,
  disabled: ReadonlySet<string> = new Set(),
): RiskyUserView[] {
  const byUser = new Map<string, RiskDetection[]>();
  for (const d of detections) {
    if (!d.userId) continue;
    byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  }
  return riskyUsers
    .filter((u) => u.isDeleted !== true)
    .map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName ? text(u.userPrincipalName) : null,
      displayName: u.userDisplayName ? text(u.userDisplayName) : null,
      riskLevel: u.riskLevel,
      riskState: u.riskState,
      riskDetail: u.riskDetail ?? null,
      riskLastUpdatedDateTime: u.riskLastUpdatedDateTime ?? null,
      privilegedRoles: [...(privilegedRoles.get(u.id) ?? [])],
      accountEnabled: !disabled.has(u.id.toLowerCase()),
      detections: (byUser.get(u.id) ?? []).map((d) => detectionView(text, d)),
    }))
    .sort(
      (a, b) =>
        Number(b.privilegedRoles.length > 0) - Number(a.privilegedRoles.length > 0) ||
        (levelRank[a.riskLevel] ?? 9) - (levelRank[b.riskLevel] ?? 9) ||
        (b.riskLastUpdatedDateTime ?? '').localeCompare(a.riskLastUpdatedDateTime ?? ''),
    );
}

const recommendationPrivileged =
  'Treat as an incident now: confirm with the admin out of band; if not them, contain the account (contain_user: disable, revoke sessions, confirm compromised), reset credentials and review what the account changed. Then require phishing-resistant MFA and a user-risk policy for admins.';

/** Findings over the users currently at risk (atRisk or confirmedCompromised). */
export function riskFindings(text: TenantText, users: readonly RiskyUserView[]): Finding[] {
  const atRisk = users.filter((u) => ACTIVE_STATES.has(u.riskState) && u.riskLevel !== 'none');
  const active = atRisk.filter((u) => u.accountEnabled);
  const contained = atRisk.filter((u) => !u.accountEnabled);
  const privileged = active.filter((u) => u.privilegedRoles.length > 0);
  const others = active.filter((u) => u.privilegedRoles.length === 0);
  const findings: Finding[] = [];
  for (const u of privileged) {
    findings.push({
      id: 'identity.risk.privileged_user_at_risk',
      title: `Privileged user at ${u.riskLevel} risk: ${userLabel(text, u)}`,
      severity: u.riskLevel === 'high' ? 'critical' : u.riskLevel === 'medium' ? 'high' : 'medium',
      status: 'fail',
      resource: userResource(text, u),
      evidence: {
        riskLevel: u.riskLevel,
        riskState: u.riskState,
        riskLastUpdatedDateTime: u.riskLastUpdatedDateTime,
        roles: u.privilegedRoles,
        detections: u.detections
          .slice(0, 5)
          .map((d) => `${d.riskEventType} (${d.riskLevel}) ${d.activityDateTime ?? ''}`),
      },
      recommendation: recommendationPrivileged,
      references: [validAccountsCloud],
    });
  }
  if (privileged.length === 0) {
    findings.push({
      id: 'identity.risk.privileged_user_at_risk',
      title: 'No privileged user is at risk',
      severity: 'critical',
      status: 'pass',
      resource: tenantResource,
      evidence: { privilegedUsersAtRisk: 0 },
      recommendation: 'Keep a user-risk conditional access policy in place so new risk is remediated.',
      references: [validAccountsCloud],
    });
  }
  const high = others.filter((u) => u.riskLevel === 'high');
  findings.push({
    id: 'identity.risk.users_at_risk',
    title:
      others.length === 0
        ? 'No other users are at risk'
        : `${others.length} user(s) at risk (${high.length} high)`,
    severity: high.length > 0 ? 'high' : others.some((u) => u.riskLevel === 'medium') ? 'medium' : 'low',
    status: others.length === 0 ? 'pass' : 'fail',
    resource: tenantResource,
    evidence: {
      usersAtRisk: others.length,
      high: high.length,
      users: others.slice(0, 10).map((u) => `${userLabel(text, u)} (${u.riskLevel}, ${u.riskState})`),
      // Disabled, so contained: not counted, but their risk must be remediated before re-enabling.
      disabledAtRisk: contained
        .slice(0, 10)
        .map((u) => `${userLabel(text, u)} (${u.riskLevel}, ${u.riskState})`),
    },
    recommendation:
      'Investigate each user (analyze_risky_users shows the detections); remediate with a secure password reset or dismiss confirmed false positives, and enforce a user-risk policy so users self-remediate. Accounts already disabled are contained: reset their credentials and remediate their risk before enabling them again.',
    references: [validAccountsCloud],
  });
  return findings;
}
