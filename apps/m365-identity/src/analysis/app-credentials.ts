// App credential hygiene and dangerous application permissions: expired, soon-expiring and
// long-lived secrets and certificates, and apps holding high-risk Graph application permissions.
// An app whose service principal is disabled cannot get a token here: its credentials and
// permissions are no active exposure (an expired secret on it is no outage either), so it gets one
// low finding when it still holds something worth removing (disabled-apps.ts), and no other.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { ApplicationsData, GraphPermissionGrant } from '../graph/read-applications.js';
import type { GraphCredential } from '../graph/schemas.js';
import type { AppReport, CredentialIssue } from './app-report.js';
import { disabledAppFindings } from './disabled-apps.js';
import { daysBetween, parseDate, ref, type TenantText } from './findings.js';

/** Permissions that let an app take over the tenant (write the directory, roles, apps or grants). */
export const tier0Permissions: ReadonlySet<string> = new Set([
  'Directory.ReadWrite.All',
  'RoleManagement.ReadWrite.Directory',
  'AppRoleAssignment.ReadWrite.All',
  'Application.ReadWrite.All',
  'Policy.ReadWrite.ConditionalAccess',
  'UserAuthenticationMethod.ReadWrite.All',
]);

/** Broad data access: read or write every mailbox, file or site. */
const broadDataPermissions: ReadonlySet<string> = new Set([
  'Mail.ReadWrite',
  'Mail.Read',
  'Mail.Send',
  'Files.ReadWrite.All',
  'Files.Read.All',
  'Sites.ReadWrite.All',
  'Sites.FullControl.All',
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
]);

export function permissionRisk(permission: string): 'tier0' | 'high' | null {
  if (tier0Permissions.has(permission)) return 'tier0';
  if (broadDataPermissions.has(permission) || /\.ReadWrite\.All$/.test(permission)) return 'high';
  return null;
}

export interface AppCredentialOptions {
  now: Date;
  expiringWithinDays: number;
  maxSecretLifetimeDays: number;
}

function credentialIssues(
  kind: CredentialIssue['kind'],
  credentials: readonly GraphCredential[],
  text: TenantText,
  options: AppCredentialOptions,
): { issues: CredentialIssue[]; valid: number } {
  const issues: CredentialIssue[] = [];
  let valid = 0;
  for (const c of credentials) {
    const end = parseDate(c.endDateTime);
    const start = parseDate(c.startDateTime);
    const daysToExpiry = end ? daysBetween(options.now, end) : null;
    const lifetimeDays = end && start ? daysBetween(start, end) : null;
    const base = {
      kind,
      keyId: c.keyId ?? null,
      displayName: c.displayName ? text(c.displayName) : null,
      endDateTime: c.endDateTime ?? null,
      daysToExpiry,
      lifetimeDays,
    };
    if (end && end.getTime() <= options.now.getTime()) {
      issues.push({ ...base, issue: 'expired' });
      continue;
    }
    valid++;
    if (daysToExpiry !== null && daysToExpiry <= options.expiringWithinDays) {
      issues.push({ ...base, issue: 'expiringSoon' });
    }
    if (kind === 'secret' && lifetimeDays !== null && lifetimeDays > options.maxSecretLifetimeDays) {
      issues.push({ ...base, issue: 'longLived' });
    }
  }
  return { issues, valid };
}

export function auditApps(
  text: TenantText,
  data: ApplicationsData,
  options: AppCredentialOptions,
): AppReport[] {
  const appsByAppId = new Map(data.applications.filter((a) => a.appId).map((a) => [a.appId as string, a]));
  const grantsBySp = new Map<string, GraphPermissionGrant[]>();
  for (const g of data.graphGrants)
    grantsBySp.set(g.principalId, [...(grantsBySp.get(g.principalId) ?? []), g]);
  const reports = new Map<string, AppReport>();

  for (const app of data.applications) {
    const secrets = credentialIssues('secret', app.passwordCredentials ?? [], text, options);
    const certs = credentialIssues('certificate', app.keyCredentials ?? [], text, options);
    reports.set(app.appId ?? app.id, {
      id: app.id,
      appId: app.appId ?? null,
      displayName: text(app.displayName ?? app.id),
      objectType: 'application',
      credentialIssues: [...secrets.issues, ...certs.issues],
      validCredentials: secrets.valid + certs.valid,
      highRiskPermissions: [],
      accountEnabled: null,
    });
  }
  for (const sp of data.servicePrincipals) {
    const key = sp.appId ?? sp.id;
    const secrets = credentialIssues('secret', sp.passwordCredentials ?? [], text, options);
    const certs = credentialIssues('certificate', sp.keyCredentials ?? [], text, options);
    const risky = (grantsBySp.get(sp.id) ?? [])
      .map((g) => ({
        permission: g.permission,
        risk: permissionRisk(g.permission),
        grantedDateTime: g.createdDateTime ?? null,
      }))
      .filter((g): g is AppReport['highRiskPermissions'][number] => g.risk !== null);
    const existing = reports.get(key);
    const enabled = sp.accountEnabled ?? null;
    if (existing) {
      existing.credentialIssues.push(...secrets.issues, ...certs.issues);
      existing.validCredentials += secrets.valid + certs.valid;
      existing.highRiskPermissions.push(...risky);
      existing.accountEnabled = enabled;
    } else if (secrets.issues.length + certs.issues.length + risky.length > 0) {
      reports.set(key, {
        id: sp.id,
        appId: sp.appId ?? null,
        displayName: text(sp.displayName ?? sp.id),
        objectType: appsByAppId.has(key) ? 'application' : 'servicePrincipal',
        credentialIssues: [...secrets.issues, ...certs.issues],
        validCredentials: secrets.valid + certs.valid,
        highRiskPermissions: risky,
        accountEnabled: enabled,
      });
    }
  }
  return [...reports.values()]
    .filter((r) => r.credentialIssues.length > 0 || r.highRiskPermissions.length > 0)
    .sort(
      (a, b) =>
        Number(b.highRiskPermissions.some((p) => p.risk === 'tier0')) -
          Number(a.highRiskPermissions.some((p) => p.risk === 'tier0')) ||
        b.highRiskPermissions.length - a.highRiskPermissions.length ||
        a.displayName.localeCompare(b.displayName),
    );
}

const credentialRefs = [
  ref.mitre('T1098.001', 'Account Manipulation: Additional Cloud Credentials'),
  ref.microsoft(
    'Securing service principals and credentials',
    'https://learn.microsoft.com/entra/architecture/service-accounts-principal',
  ),
];

function resource(r: AppReport): Finding['resource'] {
  return { type: r.objectType, id: r.id, displayName: r.displayName };
}

function describeCredential(c: CredentialIssue): string {
  return `${c.kind} ${c.displayName ?? c.keyId ?? ''} ends ${c.endDateTime ?? 'never'}${c.lifetimeDays === null ? '' : ` (lifetime ${c.lifetimeDays} days)`}`;
}

export function appFindings(reports: readonly AppReport[], options: AppCredentialOptions): Finding[] {
  const findings: Finding[] = [];
  for (const r of reports) {
    if (r.accountEnabled === false) {
      findings.push(...disabledAppFindings(r));
      continue;
    }
    const expired = r.credentialIssues.filter((c) => c.issue === 'expired');
    const expiring = r.credentialIssues.filter((c) => c.issue === 'expiringSoon');
    const longLived = r.credentialIssues.filter((c) => c.issue === 'longLived');
    if (expired.length > 0) {
      findings.push({
        id: 'identity.apps.expired_credential',
        title: `${r.displayName}: ${expired.length} expired credential(s)${r.validCredentials === 0 ? ', none valid left' : ''}`,
        severity: r.validCredentials === 0 ? 'medium' : 'low',
        status: 'fail',
        resource: resource(r),
        evidence: { expired: expired.map(describeCredential), validCredentials: r.validCredentials },
        recommendation:
          r.validCredentials === 0
            ? 'The app can no longer authenticate: remove it if unused, or replace the secret with a certificate or managed identity/federated credential.'
            : 'Remove the expired credentials so only the ones in use remain.',
        references: credentialRefs,
      });
    }
    if (expiring.length > 0) {
      findings.push({
        id: 'identity.apps.expiring_credential',
        title: `${r.displayName}: credential(s) expire within ${options.expiringWithinDays} days`,
        severity: 'medium',
        status: 'warning',
        resource: resource(r),
        evidence: { expiring: expiring.map(describeCredential) },
        recommendation:
          'Rotate before expiry (add the new credential, switch the app, then remove the old one).',
        references: credentialRefs,
      });
    }
    if (longLived.length > 0) {
      findings.push({
        id: 'identity.apps.long_lived_secret',
        title: `${r.displayName}: client secret valid for more than ${options.maxSecretLifetimeDays} days`,
        severity: r.highRiskPermissions.length > 0 ? 'high' : 'medium',
        status: 'fail',
        resource: resource(r),
        evidence: {
          secrets: longLived.map(describeCredential),
          highRiskPermissions: r.highRiskPermissions.map((p) => p.permission),
        },
        recommendation:
          'Replace long-lived secrets with certificates, managed identities or federated credentials; where a secret is unavoidable keep it under 6-12 months and enforce that with an app management policy.',
        references: credentialRefs,
      });
    }
    if (r.highRiskPermissions.length > 0) {
      const tier0 = r.highRiskPermissions.some((p) => p.risk === 'tier0');
      findings.push({
        id: 'identity.apps.high_risk_permission',
        title: `${r.displayName} holds high-risk application permission(s): ${r.highRiskPermissions.map((p) => p.permission).join(', ')}`,
        severity: 'high',
        status: 'fail',
        resource: resource(r),
        evidence: {
          permissions: r.highRiskPermissions.map(
            (p) => `${p.permission} (${p.risk}, granted ${p.grantedDateTime ?? 'unknown'})`,
          ),
          tier0,
        },
        recommendation:
          'Replace with the least-privileged permission the app really needs (e.g. Directory.Read.All or a scoped permission such as Sites.Selected), review the owners and sign-in logs of the app, and protect its credentials (certificate, no long-lived secret).',
        references: [
          ref.mitre('T1098.003', 'Account Manipulation: Additional Cloud Roles'),
          ref.cis('5.1.5.1', 'User consent to apps not allowed'),
        ],
      });
    }
  }
  for (const id of [
    'identity.apps.expired_credential',
    'identity.apps.long_lived_secret',
    'identity.apps.high_risk_permission',
  ]) {
    if (!findings.some((f) => f.id === id)) {
      findings.push({
        id,
        title: `No app with ${id.split('.').pop()?.replaceAll('_', ' ')}`,
        severity: id.endsWith('high_risk_permission') ? 'high' : 'low',
        status: 'pass',
        resource: { type: 'tenant', id: 'tenant', displayName: 'Entra ID tenant' },
        evidence: { appsWithOtherIssues: reports.length },
        recommendation: 'Keep reviewing app credentials and permissions regularly.',
        references: credentialRefs,
      });
    }
  }
  return findings;
}
