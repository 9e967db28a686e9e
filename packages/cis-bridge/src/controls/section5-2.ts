import {
  allApps,
  blocks,
  caEvidence,
  caPolicies,
  coversAllUsers,
  everySignIn,
  grants,
  isEnabled,
  requiresMfa,
  targetsRoles,
} from './conditional-access.js';
import { graph, verdict } from './define.js';
import { disabledUserIds, privilegedRoles } from './privileged.js';
import { type Control, cis, cisa, type EvaluationContext, eidsca, mitre, type Outcome } from './types.js';
import { at, items, type Json, PASSWORD_RULE_TEMPLATE, settingValues, str, strings } from './values.js';

// CIS 5.2: conditional access, authentication methods, password protection.

const ADMIN_ROLES = Object.keys(privilegedRoles);
const PHISHING_RESISTANT = '00000000-0000-0000-0000-000000000004';
const INTUNE_ENROLLMENT = 'd4ebce55-015a-49b5-a083-c84d1797ae8c';

function someCaPolicy(
  predicate: (p: Json, ctx: EvaluationContext) => boolean,
): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const all = caPolicies(ctx.get('conditionalAccessPolicies'));
    const matching = all.filter((p) => predicate(p, ctx));
    return verdict(matching.length > 0, caEvidence(all, matching) as Record<string, never>);
  };
}

const everyTime = (p: Json) => at(p, 'sessionControls.signInFrequency.frequencyInterval') === 'everyTime';
const managedDevice = (p: Json) =>
  grants(p).some((g) => g === 'compliantDevice' || g === 'domainJoinedDevice');

interface CaSpec {
  id: string;
  cisId: string;
  title: string;
  level: 'L1' | 'L2';
  profile?: 'E3' | 'E5';
  severity: 'critical' | 'high' | 'medium';
  licence?: 'entraP1' | 'entraP2';
  extra?: ReturnType<typeof cisa>[];
  remediation: string;
  predicate: (p: Json, ctx: EvaluationContext) => boolean;
}

function caControl(s: CaSpec): Control {
  return graph({
    id: s.id,
    title: s.title,
    section: '5.2',
    level: s.level,
    profile: s.profile ?? 'E3',
    severity: s.severity,
    references: [cis(s.cisId), ...(s.extra ?? [])],
    resources: ['conditionalAccessPolicies'],
    licence: s.licence ?? 'entraP1',
    remediation: s.remediation,
    evaluate: someCaPolicy(s.predicate),
  });
}

function methodConfig(ctx: EvaluationContext, id: string): Json | undefined {
  return items(at(ctx.get('authenticationMethodsPolicy'), 'authenticationMethodConfigurations')).find(
    (c) => str(c.id)?.toLowerCase() === id.toLowerCase(),
  );
}

export const section5Auth: Control[] = [
  caControl({
    id: 'CIS.M365.5.2.2.1',
    cisId: '5.2.2.1',
    title: 'Ensure multifactor authentication is enabled for all users in administrative roles',
    level: 'L1',
    severity: 'critical',
    extra: [mitre('T1078.004')],
    remediation:
      'Create an enabled CA policy for the privileged roles, all cloud apps, granting access only with MFA.',
    predicate: (p, ctx) =>
      isEnabled(p) &&
      targetsRoles(p, ADMIN_ROLES, ctx.exceptions) &&
      allApps(p) &&
      everySignIn(p) &&
      requiresMfa(p),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.2',
    cisId: '5.2.2.2',
    title: 'Ensure multifactor authentication is enabled for all users',
    level: 'L1',
    severity: 'critical',
    extra: [cisa('MS.AAD.3.2v2'), mitre('T1110')],
    remediation:
      'Enable (not report-only) a CA policy for all users and all cloud apps requiring MFA; exclude only approved break-glass accounts.',
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) && allApps(p) && everySignIn(p) && requiresMfa(p),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.3',
    cisId: '5.2.2.3',
    title: 'Enable Conditional Access policies to block legacy authentication',
    level: 'L1',
    severity: 'critical',
    extra: [cisa('MS.AAD.1.1v1'), mitre('T1110.003')],
    remediation:
      'Create an enabled CA policy for all users and apps, client apps Exchange ActiveSync and Other clients, grant Block.',
    predicate: (p, ctx) => {
      const types = strings(at(p, 'conditions.clientAppTypes'));
      return (
        coversAllUsers(p, ctx.exceptions) &&
        allApps(p) &&
        everySignIn(p, ['clientApps']) &&
        types.includes('exchangeActiveSync') &&
        types.includes('other') &&
        blocks(p)
      );
    },
  }),
  caControl({
    id: 'CIS.M365.5.2.2.4',
    cisId: '5.2.2.4',
    title:
      'Ensure Sign-in frequency is enabled and browser sessions are not persistent for Administrative users',
    level: 'L1',
    severity: 'medium',
    remediation:
      'For the privileged roles, set sign-in frequency to 4 hours or less and persistent browser session to Never.',
    predicate: (p, ctx) => {
      const freq = at(p, 'sessionControls.signInFrequency');
      const hours =
        at(freq, 'type') === 'hours' &&
        typeof at(freq, 'value') === 'number' &&
        (at(freq, 'value') as number) <= 4;
      return (
        isEnabled(p) &&
        targetsRoles(p, ADMIN_ROLES, ctx.exceptions) &&
        allApps(p) &&
        everySignIn(p) &&
        at(freq, 'isEnabled') === true &&
        (hours || at(freq, 'frequencyInterval') === 'everyTime') &&
        at(p, 'sessionControls.persistentBrowser.isEnabled') === true &&
        at(p, 'sessionControls.persistentBrowser.mode') === 'never'
      );
    },
  }),
  caControl({
    id: 'CIS.M365.5.2.2.5',
    cisId: '5.2.2.5',
    title: "Ensure 'Phishing-resistant MFA strength' is required for Administrators",
    level: 'L2',
    severity: 'high',
    extra: [cisa('MS.AAD.3.6v1'), mitre('T1566')],
    remediation:
      'Require the built-in Phishing-resistant MFA authentication strength for the privileged roles.',
    predicate: (p, ctx) =>
      isEnabled(p) &&
      targetsRoles(p, ADMIN_ROLES, ctx.exceptions) &&
      allApps(p) &&
      everySignIn(p) &&
      at(p, 'grantControls.authenticationStrength.id') === PHISHING_RESISTANT,
  }),
  caControl({
    id: 'CIS.M365.5.2.2.6',
    cisId: '5.2.2.6',
    title: 'Enable Identity Protection user risk policies',
    level: 'L1',
    profile: 'E5',
    severity: 'high',
    licence: 'entraP2',
    extra: [cisa('MS.AAD.2.1v1')],
    remediation:
      'Create a CA policy for all users with user risk High requiring MFA and password change, sign-in frequency every time.',
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) &&
      allApps(p) &&
      everySignIn(p, ['userRisk']) &&
      strings(at(p, 'conditions.userRiskLevels')).includes('high') &&
      (blocks(p) || (grants(p).includes('mfa') && grants(p).includes('passwordChange'))),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.7',
    cisId: '5.2.2.7',
    title: 'Enable Identity Protection sign-in risk policies',
    level: 'L1',
    profile: 'E5',
    severity: 'high',
    licence: 'entraP2',
    remediation:
      'Create a CA policy for all users with sign-in risk High and Medium requiring MFA, sign-in frequency every time.',
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) &&
      allApps(p) &&
      everySignIn(p, ['signInRisk']) &&
      strings(at(p, 'conditions.signInRiskLevels')).some((l) => l === 'high' || l === 'medium') &&
      (blocks(p) || (grants(p).includes('mfa') && everyTime(p))),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.8',
    cisId: '5.2.2.8',
    title: "Ensure 'sign-in risk' is blocked for medium and high risk",
    level: 'L2',
    profile: 'E5',
    severity: 'high',
    licence: 'entraP2',
    extra: [cisa('MS.AAD.2.3v1')],
    remediation: 'Create a CA policy for all users blocking sign-in risk Medium and High.',
    predicate: (p, ctx) => {
      const levels = strings(at(p, 'conditions.signInRiskLevels'));
      return (
        coversAllUsers(p, ctx.exceptions) &&
        allApps(p) &&
        everySignIn(p, ['signInRisk']) &&
        levels.includes('medium') &&
        levels.includes('high') &&
        blocks(p)
      );
    },
  }),
  caControl({
    id: 'CIS.M365.5.2.2.9',
    cisId: '5.2.2.9',
    title: 'Ensure a managed device is required for authentication',
    level: 'L1',
    severity: 'medium',
    extra: [cisa('MS.AAD.3.7v1')],
    remediation: 'Require a compliant or hybrid-joined device for all users and apps.',
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) && allApps(p) && everySignIn(p) && managedDevice(p),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.10',
    cisId: '5.2.2.10',
    title: 'Ensure a managed device is required to register security information',
    level: 'L1',
    severity: 'medium',
    extra: [cisa('MS.AAD.3.8v1')],
    remediation:
      "Require a compliant or hybrid-joined device for the user action 'Register security information'.",
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) &&
      everySignIn(p) &&
      strings(at(p, 'conditions.applications.includeUserActions')).includes(
        'urn:user:registersecurityinfo',
      ) &&
      managedDevice(p),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.11',
    cisId: '5.2.2.11',
    title: "Ensure sign-in frequency for Intune Enrollment is set to 'Every time'",
    level: 'L1',
    severity: 'medium',
    remediation: 'For the Microsoft Intune Enrollment app, require MFA with sign-in frequency Every time.',
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) &&
      everySignIn(p) &&
      strings(at(p, 'conditions.applications.includeApplications')).includes(INTUNE_ENROLLMENT) &&
      requiresMfa(p) &&
      everyTime(p),
  }),
  caControl({
    id: 'CIS.M365.5.2.2.12',
    cisId: '5.2.2.12',
    title: 'Ensure the device code sign-in flow is blocked',
    level: 'L1',
    severity: 'high',
    extra: [cisa('MS.AAD.3.9v1'), mitre('T1528')],
    remediation:
      'Create a CA policy for all users and apps with authentication flows = device code flow, grant Block.',
    predicate: (p, ctx) =>
      coversAllUsers(p, ctx.exceptions) &&
      allApps(p) &&
      everySignIn(p, ['authenticationFlows']) &&
      (str(at(p, 'conditions.authenticationFlows.transferMethods')) ?? '')
        .split(',')
        .map((s) => s.trim())
        .includes('deviceCodeFlow') &&
      blocks(p),
  }),
  graph({
    id: 'CIS.M365.5.2.3.1',
    title: 'Ensure Microsoft Authenticator is configured to protect against MFA fatigue',
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [
      cis('5.2.3.1'),
      cisa('MS.AAD.3.3v2'),
      eidsca('AM03'),
      eidsca('AM06'),
      eidsca('AM09'),
      mitre('T1621'),
    ],
    resources: ['authenticationMethodsPolicy'],
    remediation:
      'In the Microsoft Authenticator method, show the application name and geographic location in push notifications, for all users (number matching is always on).',
    evaluate(ctx) {
      const config = methodConfig(ctx, 'MicrosoftAuthenticator');
      if (config?.state !== 'enabled')
        return verdict(true, { state: str(config?.state) ?? null, note: 'Authenticator is not enabled.' });
      // Number matching has no setting in v1.0: Microsoft turned it on for every Authenticator push
      // in May 2023 and removed the switch (numberMatchingRequiredState survives only in beta).
      const features = ['displayAppInformationRequiredState', 'displayLocationInformationRequiredState'];
      const evidence: Record<string, string | null> = { numberMatching: 'always on (enforced by Microsoft)' };
      let ok = true;
      for (const feature of features) {
        const setting = at(config, `featureSettings.${feature}`);
        const state = str(at(setting, 'state')) ?? null;
        const target = str(at(setting, 'includeTarget.id')) ?? null;
        evidence[feature] = state === null ? null : `${state} (${target ?? 'no target'})`;
        if (state !== 'enabled' || target !== 'all_users') ok = false;
      }
      return verdict(ok, evidence);
    },
  }),
  graph({
    id: 'CIS.M365.5.2.3.2',
    title: 'Ensure custom banned passwords lists are used',
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.2.3.2'), eidsca('PR03')],
    resources: ['groupSettings'],
    licence: 'entraP1',
    remediation:
      'Turn on the custom banned password list (Password protection) and add organisation-specific terms.',
    evaluate(ctx) {
      const values = settingValues(ctx.get('groupSettings'), PASSWORD_RULE_TEMPLATE);
      const enabled = values?.get('EnableBannedPasswordCheck') ?? null;
      const list = values?.get('BannedPasswordList') ?? '';
      return verdict(enabled?.toLowerCase() === 'true' && list.trim() !== '', {
        passwordRuleSettings: values ? 'configured' : 'not configured (Microsoft default)',
        EnableBannedPasswordCheck: enabled,
        bannedPasswordCount: list.trim() === '' ? 0 : list.split(/\t|,/).filter(Boolean).length,
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.2.3.3',
    title: 'Ensure password protection is enabled for on-prem Active Directory',
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.2.3.3'), eidsca('PR01'), eidsca('PR02')],
    resources: ['groupSettings'],
    licence: 'entraP1',
    remediation: "Enable password protection on Windows Server Active Directory with mode 'Enforced'.",
    evaluate(ctx) {
      const values = settingValues(ctx.get('groupSettings'), PASSWORD_RULE_TEMPLATE);
      const enabled = values?.get('EnableBannedPasswordCheckOnPremises') ?? null;
      const mode = values?.get('BannedPasswordCheckOnPremisesMode') ?? null;
      return verdict(enabled?.toLowerCase() === 'true' && mode === 'Enforce', {
        EnableBannedPasswordCheckOnPremises: enabled,
        BannedPasswordCheckOnPremisesMode: mode,
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.2.3.4',
    title: "Ensure all member users are 'MFA capable'",
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [cis('5.2.3.4'), mitre('T1078')],
    resources: ['registrationDetails'],
    optional: ['users'],
    licence: 'entraP1',
    remediation:
      'Have every member user register a strong MFA method (registration campaign, Temporary Access Pass).',
    evaluate(ctx) {
      // The report lists disabled accounts too; they cannot sign in, so they are no MFA gap.
      const disabled = disabledUserIds(ctx);
      const rows = items(ctx.get('registrationDetails')).filter(
        (r) =>
          (r.userType === undefined || r.userType === 'member') &&
          !disabled.has((str(r.id) ?? '').toLowerCase()),
      );
      const notCapable = rows.filter((r) => r.isMfaCapable !== true);
      return verdict(notCapable.length === 0, {
        members: rows.length,
        notMfaCapable: notCapable.length,
        examples: notCapable.slice(0, 10).map((r) => str(r.userPrincipalName) ?? str(r.id) ?? ''),
      });
    },
  }),
  graph({
    id: 'CIS.M365.5.2.3.5',
    title: 'Ensure weak authentication methods are disabled',
    section: '5.2',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('5.2.3.5'), cisa('MS.AAD.3.5v2'), eidsca('AV01'), mitre('T1111')],
    resources: ['authenticationMethodsPolicy'],
    remediation: 'Disable the SMS and Voice call methods in the authentication methods policy.',
    evaluate(ctx) {
      const states = Object.fromEntries(
        ['Sms', 'Voice'].map((id) => [id, str(methodConfig(ctx, id)?.state) ?? 'absent']),
      );
      return verdict(
        Object.values(states).every((s) => s !== 'enabled'),
        states,
      );
    },
  }),
  graph({
    id: 'CIS.M365.5.2.3.7',
    title: 'Ensure the email OTP authentication method is disabled',
    section: '5.2',
    level: 'L2',
    profile: 'E3',
    severity: 'low',
    references: [cis('5.2.3.7')],
    resources: ['authenticationMethodsPolicy'],
    remediation: 'Disable the Email OTP method in the authentication methods policy.',
    evaluate(ctx) {
      const state = str(methodConfig(ctx, 'Email')?.state) ?? 'absent';
      return verdict(state !== 'enabled', { Email: state });
    },
  }),
];
