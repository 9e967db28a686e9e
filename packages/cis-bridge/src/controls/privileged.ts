import type { EvaluationContext } from './types.js';
import { at, items, odataType, str } from './values.js';

/** The CISA/ScubaGear privileged role set, by role template id. */
export const privilegedRoles: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
};
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';

export interface PrivilegedMember {
  userId: string;
  userPrincipalName?: string;
  roles: string[];
  /** How the role is held: active or PIM-eligible, directly or through a group. */
  via: string[];
}

/**
 * Lower-case ids of disabled accounts, from the run's users list; when the run could not read it
 * every account counts as enabled, so nothing is hidden.
 */
export function disabledUserIds(ctx: EvaluationContext): Set<string> {
  return new Set(
    items(ctx.optional('users'))
      .filter((u) => u.accountEnabled === false)
      .map((u) => (str(u.id) ?? '').toLowerCase()),
  );
}

/**
 * Privileged members split by whether they can sign in: a disabled account is no exposure (and no
 * rescue), so the controls count the enabled ones and name the others in their evidence.
 */
export function privilegedByState(
  ctx: EvaluationContext,
  eligibilities: unknown,
  roleIds?: readonly string[],
): { enabled: PrivilegedMember[]; disabled: PrivilegedMember[] } {
  const disabled = disabledUserIds(ctx);
  const members = privilegedMembers(ctx, eligibilities, roleIds);
  return {
    enabled: members.filter((m) => !disabled.has(m.userId.toLowerCase())),
    disabled: members.filter((m) => disabled.has(m.userId.toLowerCase())),
  };
}

function principalOf(row: Record<string, unknown>): { id: string; type: string; upn?: string } | undefined {
  const id = str(row.principalId);
  if (id === undefined) return undefined;
  const type = odataType(row.principal) ?? '#microsoft.graph.user';
  const upn = str(at(row, 'principal.userPrincipalName'));
  return { id, type, ...(upn ? { upn } : {}) };
}

/**
 * Users holding privileged roles: active assignments, plus eligible ones when PIM data could be
 * read; role-assignable groups are expanded to their (transitive) members.
 */
export function privilegedMembers(
  ctx: EvaluationContext,
  eligibilities: unknown,
  roleIds: readonly string[] = Object.keys(privilegedRoles),
): PrivilegedMember[] {
  const byUser = new Map<string, PrivilegedMember>();
  const add = (userId: string, upn: string | undefined, role: string, via: string) => {
    const member = byUser.get(userId) ?? { userId, roles: [], via: [] };
    if (upn && !member.userPrincipalName) member.userPrincipalName = upn;
    if (!member.roles.includes(role)) member.roles.push(role);
    if (!member.via.includes(via)) member.via.push(via);
    byUser.set(userId, member);
  };
  const rows = [
    ...items(ctx.get('roleAssignments')).map((r) => ({ r, kind: 'active' })),
    ...items(eligibilities).map((r) => ({ r, kind: 'eligible' })),
  ];
  for (const { r, kind } of rows) {
    const role = str(r.roleDefinitionId);
    if (role === undefined || !roleIds.includes(role)) continue;
    const principal = principalOf(r);
    if (!principal) continue;
    if (principal.type.endsWith('.group')) {
      for (const member of ctx.groupMembers(principal.id)) {
        add(member.id, member.userPrincipalName, role, `${kind} via group`);
      }
    } else if (principal.type.endsWith('.user')) {
      add(principal.id, principal.upn, role, kind);
    }
  }
  return [...byUser.values()];
}
