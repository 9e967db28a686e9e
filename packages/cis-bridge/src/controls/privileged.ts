import { directoryRoleNames, scubaPrivilegedRoleIds } from '@m365-mcp/graph-core';
import type { EvaluationContext } from './types.js';
import { at, items, odataType, str } from './values.js';

/** The CISA/ScubaGear privileged role set (graph-core's well-known ids): display name by role template id. */
export const privilegedRoles: Record<string, string> = Object.fromEntries(
  scubaPrivilegedRoleIds.map((id) => [id, directoryRoleNames.get(id) ?? id]),
);

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
