// MFA coverage from the authentication methods registration report: who can do MFA, which admins
// cannot (or only with phishable SMS/voice/email), how methods are spread, who cannot go passwordless.
// Disabled accounts are left out (the report lists them, but they cannot sign in at all).
import type { Finding } from '@m365-mcp/mcp-kit';
import type { RegistrationDetails } from '../graph/schemas.js';
import {
  ref,
  sample,
  type TenantText,
  tenantResource,
  userLabel,
  userResource,
  validAccountsCloud,
} from './findings.js';

/** Methods an attacker can phish or intercept (SIM swap, voice, mailbox takeover). */
export const weakMethods: ReadonlySet<string> = new Set([
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'email',
  'sms',
  'voice',
]);

export interface UserRef {
  id: string;
  userPrincipalName: string;
}

export interface MfaCoverage {
  totals: {
    users: number;
    members: number;
    guests: number;
    membersMfaCapable: number;
    membersMfaRegistered: number;
    membersPasswordlessCapable: number;
    /** Share of members who are MFA capable, 0 to 1 (1 when there are no members). */
    mfaCapableShare: number;
    mfaRegisteredShare: number;
    admins: number;
    /** Disabled accounts in the report, left out of everything above. */
    disabledExcluded: number;
  };
  methodDistribution: Record<string, number>;
  adminsWithoutMfa: UserRef[];
  adminsWithWeakMethodsOnly: (UserRef & { methods: string[] })[];
  membersNotMfaCapable: UserRef[];
  membersNotPasswordlessCapable: UserRef[];
}

function toRef(text: TenantText, row: RegistrationDetails): UserRef {
  return { id: row.id, userPrincipalName: userLabel(text, { ...row, displayName: row.userDisplayName }) };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000;
}

export function mfaCoverage(
  text: TenantText,
  report: readonly RegistrationDetails[],
  disabled: ReadonlySet<string> = new Set(),
): MfaCoverage {
  const rows = report.filter((r) => !disabled.has(r.id.toLowerCase()));
  const members = rows.filter((r) => (r.userType ?? 'member').toLowerCase() === 'member');
  const admins = rows.filter((r) => r.isAdmin === true);
  const methodDistribution: Record<string, number> = {};
  for (const row of rows) {
    for (const method of row.methodsRegistered ?? []) {
      methodDistribution[method] = (methodDistribution[method] ?? 0) + 1;
    }
  }
  const membersMfaCapable = members.filter((r) => r.isMfaCapable === true).length;
  const membersMfaRegistered = members.filter((r) => r.isMfaRegistered === true).length;
  return {
    totals: {
      users: rows.length,
      members: members.length,
      guests: rows.length - members.length,
      membersMfaCapable,
      membersMfaRegistered,
      membersPasswordlessCapable: members.filter((r) => r.isPasswordlessCapable === true).length,
      mfaCapableShare: share(membersMfaCapable, members.length),
      mfaRegisteredShare: share(membersMfaRegistered, members.length),
      admins: admins.length,
      disabledExcluded: report.length - rows.length,
    },
    methodDistribution,
    adminsWithoutMfa: admins.filter((r) => r.isMfaRegistered !== true).map((r) => toRef(text, r)),
    adminsWithWeakMethodsOnly: admins
      .filter((r) => {
        const methods = r.methodsRegistered ?? [];
        return r.isMfaRegistered === true && methods.length > 0 && methods.every((m) => weakMethods.has(m));
      })
      .map((r) => ({ ...toRef(text, r), methods: [...(r.methodsRegistered ?? [])] })),
    membersNotMfaCapable: members.filter((r) => r.isMfaCapable !== true).map((r) => toRef(text, r)),
    membersNotPasswordlessCapable: members
      .filter((r) => r.isPasswordlessCapable !== true)
      .map((r) => toRef(text, r)),
  };
}

const cisMfaCapable = ref.cis('5.2.3.4', 'All member users are MFA capable');

export function mfaFindings(text: TenantText, coverage: MfaCoverage): Finding[] {
  const findings: Finding[] = [];
  for (const admin of coverage.adminsWithoutMfa) {
    findings.push({
      id: 'identity.mfa.admin_without_mfa',
      title: `Admin with no MFA method registered: ${admin.userPrincipalName}`,
      severity: 'critical',
      status: 'fail',
      resource: userResource(text, admin),
      evidence: { isAdmin: true, isMfaRegistered: false, methodsRegistered: [] },
      recommendation:
        'Have the admin register a phishing-resistant method (FIDO2 key, Windows Hello, passkey in Authenticator) now, and until then block their sign-in or require MFA registration through a conditional access policy.',
      references: [
        cisMfaCapable,
        ref.cis('5.2.2.1', 'MFA for all users in administrative roles'),
        validAccountsCloud,
      ],
    });
  }
  if (coverage.adminsWithoutMfa.length === 0) {
    findings.push({
      id: 'identity.mfa.admin_without_mfa',
      title: 'Every admin has an MFA method registered',
      severity: 'critical',
      status: 'pass',
      resource: tenantResource,
      evidence: { admins: coverage.totals.admins },
      recommendation: 'Keep it so: require MFA registration before any role is assigned.',
      references: [cisMfaCapable],
    });
  }
  for (const admin of coverage.adminsWithWeakMethodsOnly) {
    findings.push({
      id: 'identity.mfa.admin_weak_methods_only',
      title: `Admin can only use phishable MFA (${admin.methods.join(', ')}): ${admin.userPrincipalName}`,
      severity: 'high',
      status: 'fail',
      resource: userResource(text, admin),
      evidence: { isAdmin: true, methodsRegistered: admin.methods },
      recommendation:
        'Register a phishing-resistant method for this admin and require the "Phishing-resistant MFA" authentication strength for admin roles.',
      references: [
        ref.cis('5.2.2.5', 'Phishing-resistant MFA strength for administrators'),
        ref.cisa('MS.AAD.3.6v1'),
        ref.mitre('T1111', 'Multi-Factor Authentication Interception'),
      ],
    });
  }
  const notCapable = sample(coverage.membersNotMfaCapable.map((u) => u.userPrincipalName));
  findings.push({
    id: 'identity.mfa.members_not_capable',
    title:
      coverage.membersNotMfaCapable.length === 0
        ? 'Every member user is MFA capable'
        : `${coverage.membersNotMfaCapable.length} of ${coverage.totals.members} member users are not MFA capable`,
    severity: 'medium',
    status: coverage.membersNotMfaCapable.length === 0 ? 'pass' : 'fail',
    resource: tenantResource,
    evidence: {
      members: coverage.totals.members,
      mfaCapable: coverage.totals.membersMfaCapable,
      mfaCapableShare: coverage.totals.mfaCapableShare,
      users: notCapable.items,
      moreUsers: notCapable.more,
    },
    recommendation:
      'Run an authentication methods registration campaign (or a conditional access policy on "Register security information") so every member registers a strong method.',
    references: [cisMfaCapable],
  });
  return findings;
}
