// Conditional access with the gaps a review must find: MFA for admins is enforced, MFA for all
// users is only in report-only, NOTHING blocks legacy authentication, there is a sign-in risk
// policy but no user risk policy, the sign-in risk policy excludes a whole group (Sales), and a
// location block is disabled. The break-glass accounts are excluded from every policy (correct).
import type { GraphEntity } from '../../directory.js';
import { demoGroupIds } from './groups.js';
import { daysAgo, stableId } from './ids.js';
import { roleTemplateIds as roles } from './wellKnown.js';

export const demoConditionalAccessIds = {
  mfaAdmins: stableId('ca/mfa-admins'),
  mfaAllUsers: stableId('ca/mfa-all-users'),
  signInRisk: stableId('ca/sign-in-risk'),
  blockCountries: stableId('ca/block-countries'),
  guestMfa: stableId('ca/guest-mfa'),
} as const;

export const demoNamedLocationIds = {
  headquarters: stableId('namedLocation/hq'),
  blockedCountries: stableId('namedLocation/blocked-countries'),
} as const;

/** The admin roles CA001 targets (the CISA/ScubaGear privileged set and a few more). */
export const adminRolesRequiringMfa: readonly string[] = [
  roles.globalAdministrator,
  roles.privilegedRoleAdministrator,
  roles.privilegedAuthenticationAdministrator,
  roles.userAdministrator,
  roles.sharePointAdministrator,
  roles.exchangeAdministrator,
  roles.hybridIdentityAdministrator,
  roles.applicationAdministrator,
  roles.cloudApplicationAdministrator,
  roles.securityAdministrator,
  roles.conditionalAccessAdministrator,
  roles.helpdeskAdministrator,
  roles.authenticationAdministrator,
];

interface PolicySpec {
  id: string;
  displayName: string;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  createdDaysAgo: number;
  modifiedDaysAgo: number;
  users: Partial<
    Record<
      'includeUsers' | 'excludeUsers' | 'includeGroups' | 'excludeGroups' | 'includeRoles' | 'excludeRoles',
      string[]
    >
  >;
  includeGuestsOrExternalUsers?: unknown;
  signInRiskLevels?: string[];
  locations?: { includeLocations: string[]; excludeLocations: string[] } | null;
  grant: { operator: 'OR' | 'AND'; builtInControls: string[] };
  sessionControls?: Record<string, unknown> | null;
}

function policy(now: Date, s: PolicySpec): GraphEntity {
  return {
    id: s.id,
    templateId: null,
    displayName: s.displayName,
    createdDateTime: daysAgo(now, s.createdDaysAgo),
    modifiedDateTime: daysAgo(now, s.modifiedDaysAgo),
    state: s.state,
    sessionControls: s.sessionControls ?? null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: s.signInRiskLevels ?? [],
      clientAppTypes: ['all'],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: s.locations ?? null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: [],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: s.includeGuestsOrExternalUsers ?? null,
        excludeGuestsOrExternalUsers: null,
        ...s.users,
      },
    },
    grantControls: {
      operator: s.grant.operator,
      builtInControls: s.grant.builtInControls,
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
    },
  };
}

export function demoConditionalAccessPolicies(now: Date, breakGlassIds: readonly string[]): GraphEntity[] {
  const excludeBreakGlass = { excludeUsers: [...breakGlassIds] };
  return [
    policy(now, {
      id: demoConditionalAccessIds.mfaAdmins,
      displayName: 'CA001: Require multifactor authentication for admins',
      state: 'enabled',
      createdDaysAgo: 700,
      modifiedDaysAgo: 120,
      users: { includeRoles: [...adminRolesRequiringMfa], ...excludeBreakGlass },
      grant: { operator: 'OR', builtInControls: ['mfa'] },
    }),
    policy(now, {
      id: demoConditionalAccessIds.mfaAllUsers,
      displayName: 'CA002: Require multifactor authentication for all users',
      state: 'enabledForReportingButNotEnforced',
      createdDaysAgo: 400,
      modifiedDaysAgo: 3,
      users: { includeUsers: ['All'], ...excludeBreakGlass },
      grant: { operator: 'OR', builtInControls: ['mfa'] },
    }),
    policy(now, {
      id: demoConditionalAccessIds.signInRisk,
      displayName: 'CA003: Require multifactor authentication for risky sign-ins',
      state: 'enabled',
      createdDaysAgo: 380,
      modifiedDaysAgo: 25,
      users: { includeUsers: ['All'], ...excludeBreakGlass, excludeGroups: [demoGroupIds.sales] },
      signInRiskLevels: ['high', 'medium'],
      grant: { operator: 'OR', builtInControls: ['mfa'] },
      sessionControls: {
        applicationEnforcedRestrictions: null,
        cloudAppSecurity: null,
        disableResilienceDefaults: null,
        persistentBrowser: null,
        signInFrequency: {
          value: null,
          type: null,
          authenticationType: 'primaryAndSecondaryAuthentication',
          frequencyInterval: 'everyTime',
          isEnabled: true,
        },
      },
    }),
    policy(now, {
      id: demoConditionalAccessIds.blockCountries,
      displayName: 'CA004: Block sign-ins from blocked countries',
      state: 'disabled',
      createdDaysAgo: 300,
      modifiedDaysAgo: 200,
      users: { includeUsers: ['All'], ...excludeBreakGlass },
      locations: { includeLocations: [demoNamedLocationIds.blockedCountries], excludeLocations: [] },
      grant: { operator: 'OR', builtInControls: ['block'] },
    }),
    policy(now, {
      id: demoConditionalAccessIds.guestMfa,
      displayName: 'CA005: Require multifactor authentication for guests',
      state: 'enabled',
      createdDaysAgo: 250,
      modifiedDaysAgo: 250,
      users: { includeUsers: ['GuestsOrExternalUsers'], ...excludeBreakGlass },
      grant: { operator: 'OR', builtInControls: ['mfa'] },
    }),
  ];
}

export function demoNamedLocations(now: Date): GraphEntity[] {
  return [
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: demoNamedLocationIds.headquarters,
      displayName: 'Contoso headquarters',
      createdDateTime: daysAgo(now, 700),
      modifiedDateTime: daysAgo(now, 700),
      isTrusted: true,
      ipRanges: [
        { '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' },
        { '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress: '2001:db8:1::/48' },
      ],
    },
    {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: demoNamedLocationIds.blockedCountries,
      displayName: 'Blocked countries',
      createdDateTime: daysAgo(now, 300),
      modifiedDateTime: daysAgo(now, 300),
      countriesAndRegions: ['KP', 'IR'],
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: 'clientIpAddress',
    },
  ];
}
