import { catalogue } from '@m365-mcp/cis-bridge';
import { guestUserRoleIds } from '@m365-mcp/graph-core';
import { defineWriteTool, quoteArgument, refuse, type WritePlan } from '@m365-mcp/mcp-kit';
import { z } from 'zod';

// The allow-list: controls whose fix is one Graph write this server may make. Nothing else.
const AUTHZ: Record<string, { body: Record<string, unknown>; what: string }> = {
  'CIS.M365.5.1.2.2': {
    body: { defaultUserRolePermissions: { allowedToCreateApps: false } },
    what: 'users can no longer register applications',
  },
  'CIS.M365.5.1.2.3': {
    body: { defaultUserRolePermissions: { allowedToCreateTenants: false } },
    what: 'non-admins can no longer create tenants',
  },
  'CIS.M365.5.1.3.2': {
    body: { defaultUserRolePermissions: { allowedToCreateSecurityGroups: false } },
    what: 'users can no longer create security groups',
  },
  'CIS.M365.5.1.4.6': {
    body: { defaultUserRolePermissions: { allowedToReadBitlockerKeysForOwnedDevice: false } },
    what: 'users can no longer read BitLocker keys of their devices',
  },
  'CIS.M365.5.1.5.1': {
    body: { defaultUserRolePermissions: { permissionGrantPoliciesAssigned: [] } },
    what: 'users can no longer consent to apps',
  },
  'CIS.M365.5.1.6.2': {
    body: { guestUserRoleId: guestUserRoleIds.restrictedGuest },
    what: 'guests see only their own directory objects',
  },
  'CIS.M365.5.1.6.3': {
    body: { allowInvitesFrom: 'adminsAndGuestInviters' },
    what: 'only admins and Guest Inviters can invite guests',
  },
  'EIDSCA.AP05': {
    body: { allowedToSignUpEmailBasedSubscriptions: false },
    what: 'users can no longer sign up for email-based subscriptions',
  },
  'EIDSCA.AP06': {
    body: { allowEmailVerifiedUsersToJoinOrganization: false },
    what: 'email-verified users can no longer join',
  },
};
export const remediableControls = [...Object.keys(AUTHZ), 'CIS.M365.5.1.5.2'] as const;

export const remediateControl = defineWriteTool({
  name: 'remediate_control',
  title: 'Fix a failing CIS control through Graph (plan, then apply)',
  description: `Plans the Graph write that makes one control pass; only these controls can be remediated: ${remediableControls.join(', ')}. The first call returns the plan; apply it by calling again with its planId. Anything else is refused.`,
  input: {
    controlId: z.string().min(1).max(64).describe('Control id, e.g. CIS.M365.5.1.2.2'),
    consentReviewerUserId: z
      .string()
      .uuid()
      .optional()
      .describe('For CIS.M365.5.1.5.2: the user who reviews admin consent requests'),
  },
  annotations: { destructiveHint: false, idempotentHint: true },
  async plan(args, _ctx): Promise<WritePlan> {
    const control = catalogue.find((c) => c.id === args.controlId);
    if (!control) refuse(`Unknown control ${quoteArgument(args.controlId)}.`);
    const authz = AUTHZ[control.id];
    if (authz) {
      return {
        summary: `${control.id} ${control.title}: ${authz.what}.`,
        targets: [
          { type: 'authorizationPolicy', id: 'authorizationPolicy', displayName: 'Authorization Policy' },
        ],
        requests: [{ method: 'PATCH', path: '/policies/authorizationPolicy', body: authz.body }],
        blastRadius: 'Tenant-wide: every user (and guest) in the tenant.',
        reversible: true,
        undo: 'PATCH /policies/authorizationPolicy with the previous value (shown in the last run’s evidence).',
      };
    }
    if (control.id === 'CIS.M365.5.1.5.2') {
      if (!args.consentReviewerUserId)
        refuse('The admin consent workflow needs a reviewer: pass consentReviewerUserId.');
      return {
        summary: `${control.id}: turn on the admin consent workflow with one reviewer, notifications and reminders.`,
        targets: [{ type: 'adminConsentRequestPolicy', id: 'adminConsentRequestPolicy' }],
        requests: [
          {
            method: 'PUT',
            path: '/policies/adminConsentRequestPolicy',
            body: {
              isEnabled: true,
              notifyReviewers: true,
              remindersEnabled: true,
              requestDurationInDays: 30,
              reviewers: [{ query: `/users/${args.consentReviewerUserId}`, queryType: 'MicrosoftGraph' }],
            },
          },
        ],
        blastRadius: 'Tenant-wide: users can request admin consent; the reviewer receives the requests.',
        reversible: true,
        undo: 'PUT /policies/adminConsentRequestPolicy with isEnabled false.',
      };
    }
    return refuse(
      `${control.id} is not on the remediation allow-list; fix it as its remediation says: ${control.remediation}`,
    );
  },
});
