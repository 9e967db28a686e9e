// A disabled account that still holds a privileged role: no exposure today (it cannot sign in, so
// it is left out of the admin counts), but whoever re-enables it restores the role unreviewed, so it
// is a finding of its own. A disabled break-glass account is worse: the emergency way in is shut.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { RoleHolding } from '../graph/read-privileged-access.js';
import { ref, type TenantText, userLabel, userResource, validAccountsCloud } from './findings.js';

function isBreakGlass(h: RoleHolding, breakGlass: ReadonlySet<string>): boolean {
  const upn = h.principal.userPrincipalName?.toLowerCase();
  return breakGlass.has(h.principal.id.toLowerCase()) || (upn !== undefined && breakGlass.has(upn));
}

export function disabledAdminFindings(
  text: TenantText,
  holdings: readonly RoleHolding[],
  breakGlass: ReadonlySet<string>,
): Finding[] {
  const byUser = new Map<string, RoleHolding[]>();
  for (const h of holdings.filter((h) => h.privileged && h.principal.accountEnabled === false)) {
    byUser.set(h.principal.id, [...(byUser.get(h.principal.id) ?? []), h]);
  }
  return [...byUser.values()].map((items) => {
    const first = items[0] as RoleHolding;
    const emergency = isBreakGlass(first, breakGlass);
    const roles = [
      ...new Set(
        items.map(
          (h) =>
            `${text(h.roleName)} (${h.kind}${h.viaGroup ? `, via group ${h.viaGroup.displayName ?? h.viaGroup.id}` : ''})`,
        ),
      ),
    ];
    return {
      id: 'identity.privileged.disabled_admin',
      title: emergency
        ? `Break-glass account is disabled: ${userLabel(text, first.principal)}`
        : `Disabled account still holds privileged role(s): ${userLabel(text, first.principal)}`,
      severity: emergency ? 'high' : 'medium',
      status: 'fail',
      resource: userResource(text, first.principal),
      evidence: { accountEnabled: false, breakGlass: emergency, roles },
      recommendation: emergency
        ? 'Re-enable the emergency access account and test its sign-in: a disabled break-glass account cannot rescue the tenant when every other admin is locked out.'
        : 'Remove the role assignments (or delete the account): re-enabling it would silently restore administrator rights nobody has reviewed. Where the role comes through a group, remove the account from the group.',
      references: emergency
        ? [ref.cis('1.1.2', 'Two emergency access accounts defined')]
        : [validAccountsCloud, ref.cisa('MS.AAD.7.4v1')],
    } satisfies Finding;
  });
}
