// The entities an incident touches, gathered from its alerts' evidence (polymorphic by @odata.type),
// and the indicators of compromise among them. Values are tenant/attacker data: the tool layer
// sanitises every string before it leaves the server.
import type { Alert, Evidence } from '../graph/schemas.js';

export interface AffectedUser {
  userId: string | null;
  userPrincipalName: string | null;
  displayName: string | null;
  /** Defender's evidence roles, e.g. compromised, attacker, contextual. */
  roles: string[];
  verdict: string;
  alertIds: string[];
}

export interface AffectedDevice {
  deviceId: string | null;
  hostName: string | null;
  riskScore: string | null;
  roles: string[];
  verdict: string;
  alertIds: string[];
}

export interface AffectedMailbox {
  primaryAddress: string;
  displayName: string | null;
  verdict: string;
  alertIds: string[];
}

export interface ObservedIp {
  address: string;
  country: string | null;
  city: string | null;
  roles: string[];
  verdict: string;
  alertIds: string[];
}

export interface Indicator {
  type: 'ip' | 'url' | 'domain' | 'fileHash' | 'emailSender' | 'commandLine';
  value: string;
  verdict: string;
  source: string;
}

export interface IncidentEntities {
  users: AffectedUser[];
  devices: AffectedDevice[];
  mailboxes: AffectedMailbox[];
  ips: ObservedIp[];
  files: { name: string; path: string | null; sha256: string | null; verdict: string }[];
  urls: { url: string; verdict: string }[];
  indicators: Indicator[];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const rec = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const verdictRank: Record<string, number> = { malicious: 0, suspicious: 1, unknown: 2, noThreatsFound: 3 };
/** The more alarming of two verdicts. */
function worse(a: string, b: string): string {
  return (verdictRank[a] ?? 2) <= (verdictRank[b] ?? 2) ? a : b;
}

function typeOf(evidence: Evidence): string {
  return evidence['@odata.type'].replace(/^#microsoft\.graph\.security\./, '');
}

function merge<T extends { roles: string[]; verdict: string; alertIds: string[] }>(
  map: Map<string, T>,
  key: string,
  fresh: T,
): void {
  const existing = map.get(key);
  if (!existing) {
    map.set(key, fresh);
    return;
  }
  existing.roles = [...new Set([...existing.roles, ...fresh.roles])];
  existing.verdict = worse(existing.verdict, fresh.verdict);
  existing.alertIds = [...new Set([...existing.alertIds, ...fresh.alertIds])];
}

const alarming = (verdict: string) => verdict === 'malicious' || verdict === 'suspicious';

export function incidentEntities(alerts: readonly Alert[]): IncidentEntities {
  const users = new Map<string, AffectedUser>();
  const devices = new Map<string, AffectedDevice>();
  const mailboxes = new Map<string, AffectedMailbox & { roles: string[] }>();
  const ips = new Map<string, ObservedIp>();
  const files = new Map<string, IncidentEntities['files'][number]>();
  const urls = new Map<string, IncidentEntities['urls'][number]>();
  const indicators = new Map<string, Indicator>();
  const indicate = (type: Indicator['type'], value: string | null, verdict: string, source: string) => {
    if (!value || !alarming(verdict)) return;
    const key = `${type}:${value.toLowerCase()}`;
    const existing = indicators.get(key);
    indicators.set(key, {
      type,
      value,
      verdict: existing ? worse(existing.verdict, verdict) : verdict,
      source,
    });
  };

  for (const alert of alerts) {
    for (const evidence of alert.evidence ?? []) {
      const e = evidence as Record<string, unknown>;
      const verdict = evidence.verdict ?? 'unknown';
      const roles = evidence.roles ?? [];
      const alertIds = [alert.id];
      const type = typeOf(evidence);
      const account = rec(e.userAccount);
      switch (type) {
        case 'userEvidence': {
          const upn = str(account.userPrincipalName);
          const id = str(account.azureAdUserId);
          const key = (id ?? upn ?? str(account.accountName) ?? '').toLowerCase();
          if (!key) break;
          merge(users, key, {
            userId: id,
            userPrincipalName: upn,
            displayName: str(account.displayName),
            roles,
            verdict,
            alertIds,
          });
          break;
        }
        case 'deviceEvidence': {
          const id = str(e.azureAdDeviceId) ?? str(e.mdeDeviceId);
          const host = str(e.hostName) ?? str(e.deviceDnsName);
          const key = (id ?? host ?? '').toLowerCase();
          if (!key) break;
          merge(devices, key, {
            deviceId: id,
            hostName: host,
            riskScore: str(e.riskScore),
            roles,
            verdict,
            alertIds,
          });
          break;
        }
        case 'mailboxEvidence': {
          const address = str(e.primaryAddress) ?? str(account.userPrincipalName);
          if (!address) break;
          merge(mailboxes, address.toLowerCase(), {
            primaryAddress: address,
            displayName: str(e.displayName),
            roles,
            verdict,
            alertIds,
          });
          break;
        }
        case 'ipEvidence': {
          const address = str(e.ipAddress);
          if (!address) break;
          const location = rec(e.location);
          merge(ips, address, {
            address,
            country: str(location.countryName) ?? str(e.countryLetterCode),
            city: str(location.city),
            roles,
            verdict,
            alertIds,
          });
          indicate('ip', address, roles.includes('attacker') ? 'malicious' : verdict, alert.title);
          break;
        }
        case 'urlEvidence': {
          const url = str(e.url);
          if (!url) break;
          urls.set(url, { url, verdict: worse(urls.get(url)?.verdict ?? verdict, verdict) });
          indicate('url', url, verdict, alert.title);
          break;
        }
        case 'fileEvidence': {
          const details = rec(e.fileDetails);
          const name = str(details.fileName);
          if (!name) break;
          const sha256 = str(details.sha256);
          files.set((sha256 ?? name).toLowerCase(), { name, path: str(details.filePath), sha256, verdict });
          indicate('fileHash', sha256 ?? str(details.sha1), verdict, alert.title);
          break;
        }
        case 'processEvidence': {
          indicate('commandLine', str(e.processCommandLine), verdict, alert.title);
          const image = rec(e.imageFile);
          indicate('fileHash', str(image.sha256), verdict, alert.title);
          break;
        }
        case 'analyzedMessageEvidence': {
          const sender = rec(e.p1Sender);
          indicate('emailSender', str(sender.emailAddress), verdict, alert.title);
          indicate('domain', str(sender.domainName), verdict, alert.title);
          indicate('ip', str(e.senderIp), verdict, alert.title);
          for (const url of Array.isArray(e.urls) ? e.urls : [])
            indicate('url', str(url), verdict, alert.title);
          const recipient = str(e.recipientEmailAddress);
          if (recipient) {
            merge(mailboxes, recipient.toLowerCase(), {
              primaryAddress: recipient,
              displayName: null,
              roles: [],
              verdict: 'unknown',
              alertIds,
            });
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return {
    users: [...users.values()],
    devices: [...devices.values()],
    mailboxes: [...mailboxes.values()].map(({ roles: _roles, ...m }) => m),
    ips: [...ips.values()],
    files: [...files.values()],
    urls: [...urls.values()],
    indicators: [...indicators.values()],
  };
}

/** A user Defender marks compromised, or with a suspicious/malicious verdict. */
export function isCompromised(user: Pick<AffectedUser, 'roles' | 'verdict'>): boolean {
  return user.roles.includes('compromised') || alarming(user.verdict);
}
