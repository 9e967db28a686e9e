// The conditional access of a graded (warning or good) tenant: the demo's policies enforced and
// completed into the set CIS 5.2.2 and the identity review look for. The demo portfolio configures
// no approved exclusions, so these policies exclude nobody (an unapproved exclusion voids a policy
// for CIS): break-glass access rests on the accounts' phishing-resistant keys instead.

import { demoConditionalAccessIds } from '../../demo/directory/conditionalAccess.js';
import { stableId } from '../../demo/directory/ids.js';
import type { GraphEntity } from '../../directory.js';

/** The built-in "Phishing-resistant MFA" authentication strength. */
const PHISHING_RESISTANT = '00000000-0000-0000-0000-000000000004';
/** Microsoft Intune Enrollment's app id. */
const INTUNE_ENROLLMENT = 'd4ebce55-015a-49b5-a083-c84d1797ae8c';

/** The parts of a conditional access policy (Graph's shape) these changes touch. */
interface CaPolicy {
  id: string;
  displayName: string;
  state: string;
  sessionControls: Record<string, unknown> | null;
  conditions: {
    users: Record<string, unknown>;
    applications: Record<string, unknown>;
    clientAppTypes: string[];
    signInRiskLevels: string[];
    userRiskLevels: string[];
    locations: unknown;
    authenticationFlows: unknown;
    [property: string]: unknown;
  };
  grantControls: {
    operator: string;
    builtInControls: string[];
    authenticationStrength: unknown;
    [property: string]: unknown;
  };
  [property: string]: unknown;
}

const copy = (policy: GraphEntity): CaPolicy => structuredClone(policy) as unknown as CaPolicy;
const entity = (policy: CaPolicy): GraphEntity => policy as unknown as GraphEntity;

const everyTime = {
  value: null,
  type: null,
  authenticationType: 'primaryAndSecondaryAuthentication',
  frequencyInterval: 'everyTime',
  isEnabled: true,
};

/** A policy like `template` (the demo's shape), for everyone, with what `change` sets. */
function variant(
  template: GraphEntity,
  id: string,
  displayName: string,
  change: (policy: CaPolicy) => void,
): GraphEntity {
  const policy = copy(template);
  policy.id = id;
  policy.displayName = displayName;
  policy.state = 'enabled';
  policy.sessionControls = null;
  policy.conditions.users = { ...policy.conditions.users, includeUsers: ['All'], includeRoles: [] };
  policy.conditions.signInRiskLevels = [];
  policy.conditions.locations = null;
  policy.grantControls = {
    ...policy.grantControls,
    operator: 'OR',
    builtInControls: [],
    authenticationStrength: null,
  };
  change(policy);
  return entity(policy);
}

export function gradeConditionalAccess(policies: GraphEntity[]): GraphEntity[] {
  const enforced = policies.map((original) => {
    const policy = copy(original);
    policy.state = 'enabled';
    policy.conditions.users.excludeUsers = [];
    policy.conditions.users.excludeGroups = [];
    if (policy.id === demoConditionalAccessIds.mfaAdmins) {
      // Admins: phishing-resistant MFA, a fresh sign-in every time, no persistent browser session.
      policy.displayName = 'CA001: Require phishing-resistant MFA for admins';
      policy.grantControls = {
        ...policy.grantControls,
        builtInControls: [],
        authenticationStrength: { id: PHISHING_RESISTANT, displayName: 'Phishing-resistant MFA' },
      };
      policy.sessionControls = {
        applicationEnforcedRestrictions: null,
        cloudAppSecurity: null,
        disableResilienceDefaults: null,
        persistentBrowser: { mode: 'never', isEnabled: true },
        signInFrequency: everyTime,
      };
    }
    if (policy.id === demoConditionalAccessIds.signInRisk) {
      policy.displayName = 'CA003: Block medium and high risk sign-ins';
      policy.grantControls = { ...policy.grantControls, builtInControls: ['block'] };
      policy.sessionControls = null;
    }
    return entity(policy);
  });
  const template = enforced[0];
  if (!template) return enforced;
  return [
    ...enforced,
    variant(template, stableId('ca/user-risk'), 'CA006: Require password change for high user risk', (p) => {
      p.conditions.userRiskLevels = ['high'];
      p.grantControls = { ...p.grantControls, operator: 'AND', builtInControls: ['mfa', 'passwordChange'] };
      p.sessionControls = { signInFrequency: everyTime, persistentBrowser: null };
    }),
    variant(template, stableId('ca/block-legacy-auth'), 'CA007: Block legacy authentication', (p) => {
      p.conditions.clientAppTypes = ['exchangeActiveSync', 'other'];
      p.grantControls.builtInControls = ['block'];
    }),
    variant(template, stableId('ca/block-device-code'), 'CA008: Block device code flow', (p) => {
      p.conditions.authenticationFlows = { transferMethods: 'deviceCodeFlow' };
      p.grantControls.builtInControls = ['block'];
    }),
    variant(
      template,
      stableId('ca/managed-device'),
      'CA009: Require a compliant or hybrid joined device',
      (p) => {
        p.grantControls.builtInControls = ['compliantDevice', 'domainJoinedDevice'];
      },
    ),
    variant(
      template,
      stableId('ca/register-security-info'),
      'CA010: Register security information from a managed device',
      (p) => {
        p.conditions.applications = {
          ...p.conditions.applications,
          includeApplications: [],
          includeUserActions: ['urn:user:registersecurityinfo'],
        };
        p.grantControls.builtInControls = ['compliantDevice', 'domainJoinedDevice'];
      },
    ),
    variant(template, stableId('ca/intune-enrollment'), 'CA011: Intune enrollment: MFA every time', (p) => {
      p.conditions.applications = { ...p.conditions.applications, includeApplications: [INTUNE_ENROLLMENT] };
      p.grantControls.builtInControls = ['mfa'];
      p.sessionControls = { signInFrequency: everyTime, persistentBrowser: null };
    }),
  ];
}
