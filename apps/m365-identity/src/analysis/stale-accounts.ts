// Accounts nobody uses but an attacker could: enabled members and guests with no sign-in for N days,
// accounts never signed in since creation N days ago, and disabled accounts still holding licences.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { GraphUserRecord } from '../graph/schemas.js';
import {
  daysBetween,
  parseDate,
  ref,
  sample,
  type TenantText,
  tenantResource,
  userLabel,
} from './findings.js';

export const staleReasons = ['inactiveMember', 'inactiveGuest', 'neverSignedIn', 'disabledLicensed'] as const;
export type StaleReason = (typeof staleReasons)[number];

export interface StaleAccount {
  id: string;
  userPrincipalName: string;
  userType: string;
  accountEnabled: boolean;
  reason: StaleReason;
  lastSignInDateTime: string | null;
  /** Days since the last sign-in (or since creation, for never-signed-in accounts). */
  daysInactive: number | null;
  createdDateTime: string | null;
  licensed: boolean;
}

export interface StaleOptions {
  now: Date;
  days: number;
  guestDays: number;
}

/** The latest of the interactive, non-interactive and successful sign-in times. */
export function lastSignIn(user: GraphUserRecord): Date | null {
  const a = user.signInActivity;
  const dates = [a?.lastSignInDateTime, a?.lastNonInteractiveSignInDateTime, a?.lastSuccessfulSignInDateTime]
    .map(parseDate)
    .filter((d): d is Date => d !== null);
  return dates.length === 0 ? null : new Date(Math.max(...dates.map((d) => d.getTime())));
}

export function findStaleAccounts(
  text: TenantText,
  users: readonly GraphUserRecord[],
  options: StaleOptions,
): StaleAccount[] {
  const out: StaleAccount[] = [];
  for (const user of users) {
    const guest = (user.userType ?? '').toLowerCase() === 'guest';
    const enabled = user.accountEnabled !== false;
    const licensed = (user.assignedLicenses ?? []).length > 0;
    const last = lastSignIn(user);
    const created = parseDate(user.createdDateTime);
    const base = {
      id: user.id,
      userPrincipalName: userLabel(text, user),
      userType: guest ? 'Guest' : 'Member',
      accountEnabled: enabled,
      lastSignInDateTime: last?.toISOString() ?? null,
      createdDateTime: user.createdDateTime ?? null,
      licensed,
    };
    if (!enabled) {
      if (licensed) {
        out.push({
          ...base,
          reason: 'disabledLicensed',
          daysInactive: last ? daysBetween(last, options.now) : null,
        });
      }
      continue;
    }
    const limit = guest ? options.guestDays : options.days;
    if (last === null) {
      if (created && daysBetween(created, options.now) > limit) {
        out.push({ ...base, reason: 'neverSignedIn', daysInactive: daysBetween(created, options.now) });
      }
      continue;
    }
    const idle = daysBetween(last, options.now);
    if (idle > limit)
      out.push({ ...base, reason: guest ? 'inactiveGuest' : 'inactiveMember', daysInactive: idle });
  }
  return out.sort((a, b) => (b.daysInactive ?? 0) - (a.daysInactive ?? 0));
}

const dormant = ref.mitre('T1078.004', 'Valid Accounts: Cloud Accounts');

const describe: Record<
  StaleReason,
  {
    id: string;
    title: (n: number, o: StaleOptions) => string;
    severity: Finding['severity'];
    recommendation: string;
  }
> = {
  inactiveMember: {
    id: 'identity.stale.inactive_members',
    title: (n, o) => `${n} enabled member account(s) with no sign-in for over ${o.days} days`,
    severity: 'medium',
    recommendation:
      'Confirm with the owners or managers, then disable the accounts (and remove their licences and roles); automate with access reviews for inactive users.',
  },
  inactiveGuest: {
    id: 'identity.stale.inactive_guests',
    title: (n, o) => `${n} enabled guest account(s) with no sign-in for over ${o.guestDays} days`,
    severity: 'medium',
    recommendation:
      'Remove guests who no longer collaborate; set up a recurring access review of guest users.',
  },
  neverSignedIn: {
    id: 'identity.stale.never_signed_in',
    title: (n, o) => `${n} enabled account(s) never signed in, created over ${o.days} days ago`,
    severity: 'medium',
    recommendation:
      'Disable or delete accounts that were never used; an unused account with an initial password is an easy target.',
  },
  disabledLicensed: {
    id: 'identity.stale.disabled_licensed',
    title: (n) => `${n} disabled account(s) still hold licences`,
    severity: 'low',
    recommendation:
      'Remove licences from disabled accounts (or convert shared mailboxes properly) to reclaim cost.',
  },
};

export function staleFindings(accounts: readonly StaleAccount[], options: StaleOptions): Finding[] {
  return staleReasons.map((reason) => {
    const matching = accounts.filter((a) => a.reason === reason);
    const d = describe[reason];
    const shown = sample(
      matching.map(
        (a) => `${a.userPrincipalName}${a.daysInactive === null ? '' : ` (${a.daysInactive} days)`}`,
      ),
    );
    return {
      id: d.id,
      title:
        matching.length === 0 ? d.title(0, options).replace(/^0 /, 'No ') : d.title(matching.length, options),
      severity: d.severity,
      status: matching.length === 0 ? 'pass' : 'fail',
      resource: tenantResource,
      evidence: {
        count: matching.length,
        accounts: shown.items,
        moreAccounts: shown.more,
        thresholdDays: reason === 'inactiveGuest' ? options.guestDays : options.days,
      },
      recommendation: d.recommendation,
      references: [
        dormant,
        ref.microsoft(
          'Manage inactive user accounts',
          'https://learn.microsoft.com/entra/identity/monitoring-health/howto-manage-inactive-user-accounts',
        ),
      ],
    } satisfies Finding;
  });
}
