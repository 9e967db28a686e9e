// How bad an incident is for the tenant: privileged accounts among the affected users, how many
// entities it touches, and how recent the activity is. The level comes with the rule that set it.
import type { PrivilegedLookup } from '../graph/read-privileged.js';
import type { Alert, Incident } from '../graph/schemas.js';
import { type AffectedUser, type IncidentEntities, isCompromised } from './entities.js';

export interface PrivilegedAccount {
  userId: string;
  userPrincipalName: string | null;
  compromised: boolean;
  roles: string[];
}

export interface ImpactAssessment {
  level: 'critical' | 'high' | 'medium' | 'low';
  rule: string;
  privilegedStatus: 'known' | 'unknown';
  privilegedStatusNote?: string;
  privilegedAccounts: PrivilegedAccount[];
  entityCounts: {
    users: number;
    compromisedUsers: number;
    devices: number;
    mailboxes: number;
    ips: number;
    files: number;
    urls: number;
  };
  firstActivity: string | null;
  lastActivity: string | null;
  hoursSinceLastActivity: number | null;
  recency: 'ongoing' | 'recent' | 'older' | 'unknown';
}

function privilegedAccounts(users: readonly AffectedUser[], lookup: PrivilegedLookup): PrivilegedAccount[] {
  if (lookup.status !== 'known') return [];
  const out: PrivilegedAccount[] = [];
  for (const account of lookup.accounts) {
    const roles = account.roles.filter((r) => r.privileged).map((r) => r.displayName);
    if (roles.length === 0) continue;
    const user = users.find((u) => u.userId?.toLowerCase() === account.userId.toLowerCase());
    out.push({
      userId: account.userId,
      userPrincipalName: user?.userPrincipalName ?? null,
      compromised: user ? isCompromised(user) : false,
      roles,
    });
  }
  return out;
}

function activityWindow(alerts: readonly Alert[]) {
  const first = alerts.map((a) => a.firstActivityDateTime ?? a.createdDateTime).sort()[0] ?? null;
  const last =
    alerts
      .map((a) => a.lastActivityDateTime ?? a.createdDateTime)
      .sort()
      .at(-1) ?? null;
  return { first, last };
}

export function assessImpact(
  incident: Incident,
  alerts: readonly Alert[],
  entities: IncidentEntities,
  lookup: PrivilegedLookup,
  now: Date,
): ImpactAssessment {
  const privileged = privilegedAccounts(entities.users, lookup);
  const { first, last } = activityWindow(alerts);
  const hours = last
    ? Math.max(0, Math.round(((now.getTime() - Date.parse(last)) / 3_600_000) * 10) / 10)
    : null;
  const recency = hours === null ? 'unknown' : hours <= 24 ? 'ongoing' : hours <= 24 * 7 ? 'recent' : 'older';
  const open = incident.status !== 'resolved' && incident.status !== 'redirected';
  const compromisedUsers = entities.users.filter(isCompromised).length;

  let level: ImpactAssessment['level'];
  let rule: string;
  if (open && privileged.some((p) => p.compromised)) {
    level = 'critical';
    rule = 'critical: the incident is open and a compromised account holds a privileged directory role';
  } else if (open && incident.severity === 'high') {
    level = 'high';
    rule = 'high: the incident is open and of high severity';
  } else if (open && (compromisedUsers > 0 || privileged.length > 0) && recency !== 'older') {
    level = 'high';
    rule = 'high: the incident is open, recent, and touches compromised or privileged accounts';
  } else if (open && incident.severity === 'medium') {
    level = 'medium';
    rule = 'medium: the incident is open and of medium severity';
  } else {
    level = 'low';
    rule =
      'low: the incident is resolved, or open with low or informational severity and no compromised account';
  }

  return {
    level,
    rule,
    privilegedStatus: lookup.status,
    ...(lookup.status === 'unknown' ? { privilegedStatusNote: lookup.reason } : {}),
    privilegedAccounts: privileged,
    entityCounts: {
      users: entities.users.length,
      compromisedUsers,
      devices: entities.devices.length,
      mailboxes: entities.mailboxes.length,
      ips: entities.ips.length,
      files: entities.files.length,
      urls: entities.urls.length,
    },
    firstActivity: first,
    lastActivity: last,
    hoursSinceLastActivity: hours,
    recency,
  };
}
