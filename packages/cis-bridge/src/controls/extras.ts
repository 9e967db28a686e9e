import { graph, settingIs, verdict } from './define.js';
import { type Control, cisa, eidsca } from './types.js';
import { at, PASSWORD_RULE_TEMPLATE, settingValues } from './values.js';

// CISA SCuBA and EIDSCA checks with no CIS number, over the same Graph data.

export const extras: Control[] = [
  graph({
    id: 'CISA.MS.AAD.3.4',
    title: 'The authentication methods migration is complete',
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [cisa('MS.AAD.3.4v1'), eidsca('AG01')],
    resources: ['authenticationMethodsPolicy'],
    remediation: 'Finish migrating legacy MFA and SSPR method settings to the authentication methods policy.',
    evaluate: settingIs('authenticationMethodsPolicy', 'policyMigrationState', ['migrationComplete']),
  }),
  graph({
    id: 'EIDSCA.AP05',
    title: 'Users cannot sign up for email-based subscriptions',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [eidsca('AP05')],
    resources: ['authorizationPolicy'],
    remediation: 'Set allowedToSignUpEmailBasedSubscriptions = false.',
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'allowedToSignUpEmailBasedSubscriptions', [false]),
  }),
  graph({
    id: 'EIDSCA.AP06',
    title: 'Email-verified users cannot join the organisation',
    section: '5.1',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [eidsca('AP06')],
    resources: ['authorizationPolicy'],
    remediation: 'Set allowEmailVerifiedUsersToJoinOrganization = false.',
    remediable: true,
    evaluate: settingIs('authorizationPolicy', 'allowEmailVerifiedUsersToJoinOrganization', [false]),
  }),
  graph({
    id: 'EIDSCA.PR05',
    title: 'Smart lockout: lockout duration of at least 60 seconds and threshold of at most 10',
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [eidsca('PR05'), eidsca('PR06')],
    resources: ['groupSettings'],
    licence: 'entraP1',
    remediation: 'Set smart lockout duration ≥ 60 s and threshold ≤ 10 (Password protection).',
    evaluate(ctx) {
      const values = settingValues(ctx.get('groupSettings'), PASSWORD_RULE_TEMPLATE);
      // Absent settings mean Microsoft's defaults (60 s, 10 attempts), which satisfy the check.
      const duration = Number(values?.get('LockoutDurationInSeconds') ?? '60');
      const threshold = Number(values?.get('LockoutThreshold') ?? '10');
      return verdict(duration >= 60 && threshold <= 10, {
        LockoutDurationInSeconds: duration,
        LockoutThreshold: threshold,
      });
    },
  }),
  graph({
    id: 'CISA.MS.AAD.8.3',
    title: 'Cross-tenant inbound B2B collaboration is blocked by default',
    section: '5.1',
    level: 'L2',
    profile: 'E3',
    severity: 'low',
    references: [cisa('MS.AAD.8.3v1')],
    resources: ['crossTenantAccessDefault'],
    remediation: 'Block inbound B2B collaboration by default and allow partner tenants explicitly.',
    evaluate(ctx) {
      const d = ctx.get('crossTenantAccessDefault');
      const users = at(d, 'b2bCollaborationInbound.usersAndGroups.accessType') ?? null;
      const apps = at(d, 'b2bCollaborationInbound.applications.accessType') ?? null;
      return verdict(users === 'blocked' && apps === 'blocked', {
        usersAndGroups: users as string | null,
        applications: apps as string | null,
      });
    },
  }),
];
