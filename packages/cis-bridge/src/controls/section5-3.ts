import { directoryRoleTemplateIds } from '@m365-mcp/graph-core';
import { graph, verdict } from './define.js';
import { disabledUserIds, privilegedRoles } from './privileged.js';
import { type Control, cis, cisa, type EvaluationContext, type Outcome } from './types.js';
import { at, items, str } from './values.js';

// CIS 5.3: Privileged Identity Management and access reviews (Entra ID P2 / ID Governance).

function approvalRequired(roleId: string): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const assignment = items(ctx.get('roleManagementPolicies')).find((a) => a.roleDefinitionId === roleId);
    const rule = items(at(assignment, 'policy.rules')).find((r) => r.id === 'Approval_EndUser_Assignment');
    const required = at(rule, 'setting.isApprovalRequired') === true;
    const approvers = items(at(items(at(rule, 'setting.approvalStages'))[0], 'primaryApprovers')).length;
    return verdict(required && approvers > 0, {
      role: privilegedRoles[roleId] ?? roleId,
      isApprovalRequired: required,
      primaryApprovers: approvers,
    });
  };
}

function reviewTargets(ctx: EvaluationContext, pattern: RegExp): Record<string, unknown>[] {
  return items(ctx.get('accessReviews')).filter(
    (d) =>
      d.status !== 'Completed' &&
      pattern.test(JSON.stringify(at(d, 'scope') ?? {})) &&
      items(d.reviewers).length > 0,
  );
}

export const section5Pim: Control[] = [
  graph({
    id: 'CIS.M365.5.3.1',
    title: "Ensure 'Privileged Identity Management' is used to manage roles",
    section: '5.3',
    level: 'L2',
    profile: 'E5',
    severity: 'high',
    references: [cis('5.3.1'), cisa('MS.AAD.7.4v1')],
    resources: ['roleAssignmentSchedules'],
    optional: ['users'],
    licence: 'entraP2',
    remediation:
      'Convert permanent active privileged assignments to PIM-eligible ones (break-glass accounts excepted).',
    evaluate(ctx) {
      const breakGlass = new Set(ctx.exceptions.breakGlassAccounts.map((id) => id.toLowerCase()));
      // A disabled account's standing role is no standing access (its own cleanup, not PIM's).
      const disabled = disabledUserIds(ctx);
      const permanent = items(ctx.get('roleAssignmentSchedules')).filter((a) => {
        const principal = (str(a.principalId) ?? '').toLowerCase();
        return (
          privilegedRoles[str(a.roleDefinitionId) ?? ''] !== undefined &&
          (a.endDateTime === null || a.endDateTime === undefined) &&
          !breakGlass.has(principal) &&
          !disabled.has(principal)
        );
      });
      return verdict(permanent.length === 0, {
        permanentPrivilegedAssignments: permanent.length,
        principals: permanent.slice(0, 10).map((a) => str(a.principalId) ?? ''),
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.3.2',
    title: "Ensure 'Access reviews' for Guest Users are configured",
    section: '5.3',
    level: 'L1',
    profile: 'E5',
    severity: 'medium',
    references: [cis('5.3.2')],
    resources: ['accessReviews'],
    licence: 'entraP2',
    remediation:
      'Create a recurring access review of guest users in Microsoft 365 groups with reviewers assigned.',
    evaluate(ctx) {
      const found = reviewTargets(ctx, /userType eq 'Guest'/i);
      return verdict(found.length > 0, {
        guestReviews: found.map((d) => str(d.displayName) ?? str(d.id) ?? ''),
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.3.3',
    title: "Ensure 'Access reviews' for privileged roles are configured",
    section: '5.3',
    level: 'L1',
    profile: 'E5',
    severity: 'medium',
    references: [cis('5.3.3')],
    resources: ['accessReviews'],
    licence: 'entraP2',
    remediation:
      'Create a recurring access review of privileged role assignments (Global Administrator first).',
    evaluate(ctx) {
      const found = reviewTargets(
        ctx,
        /roleManagement\/directory\/role(Assignment|Eligibility)ScheduleInstances/i,
      );
      return verdict(found.length > 0, {
        roleReviews: found.map((d) => str(d.displayName) ?? str(d.id) ?? ''),
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.3.4',
    title: 'Ensure approval is required for Global Administrator role activation',
    section: '5.3',
    level: 'L1',
    profile: 'E5',
    severity: 'high',
    references: [cis('5.3.4'), cisa('MS.AAD.7.6v1')],
    resources: ['roleManagementPolicies'],
    licence: 'entraP2',
    remediation:
      'In PIM role settings for Global Administrator, require approval to activate and name approvers.',
    evaluate: approvalRequired(directoryRoleTemplateIds.globalAdministrator),
  }),
  graph({
    id: 'CIS.M365.5.3.5',
    title: 'Ensure approval is required for Privileged Role Administrator activation',
    section: '5.3',
    level: 'L1',
    profile: 'E5',
    severity: 'high',
    references: [cis('5.3.5')],
    resources: ['roleManagementPolicies'],
    licence: 'entraP2',
    remediation:
      'In PIM role settings for Privileged Role Administrator, require approval to activate and name approvers.',
    evaluate: approvalRequired(directoryRoleTemplateIds.privilegedRoleAdministrator),
  }),
];
