// Directory audit entries for the recent changes behind the planted misconfigurations (so drift
// and "who changed what" have something to find), and sign-in log entries that show them in use:
// a high-risk admin sign-in, a legacy-protocol sign-in that no policy blocked, a password spray.
import type { GraphEntity } from '../../directory.js';
import { type DemoPerson, demoPeople } from '../people.js';
import { demoAppIds } from './applications.js';
import { demoConditionalAccessIds } from './conditionalAccess.js';
import { hoursAgo, stableId } from './ids.js';

interface Target {
  id: string;
  displayName: string | null;
  type: string;
  userPrincipalName?: string | null;
  modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[];
}

interface AuditSpec {
  key: string;
  hoursAgo: number;
  by: DemoPerson;
  category: string;
  activityDisplayName: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign';
  loggedByService: string;
  targets: Target[];
}

function auditEntry(now: Date, s: AuditSpec): GraphEntity {
  const correlationId = stableId(`audit/${s.key}/correlation`);
  return {
    id: `Directory_${correlationId}_${stableId(`audit/${s.key}`).slice(0, 8).toUpperCase()}`,
    category: s.category,
    correlationId,
    result: 'success',
    resultReason: '',
    activityDisplayName: s.activityDisplayName,
    activityDateTime: hoursAgo(now, s.hoursAgo),
    loggedByService: s.loggedByService,
    operationType: s.operationType,
    initiatedBy: {
      app: null,
      user: {
        id: s.by.id,
        displayName: null,
        userPrincipalName: s.by.userPrincipalName,
        ipAddress: '203.0.113.10',
        userType: null,
        homeTenantId: null,
        homeTenantName: null,
      },
    },
    targetResources: s.targets.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: null,
      modifiedProperties: t.modifiedProperties ?? [],
    })),
    additionalDetails: [],
  };
}

export function demoDirectoryAudits(now: Date): GraphEntity[] {
  const p = demoPeople;
  const specs: AuditSpec[] = [
    {
      key: 'ca002-report-only',
      hoursAgo: 72,
      by: p.megan,
      category: 'Policy',
      activityDisplayName: 'Update conditional access policy',
      operationType: 'Update',
      loggedByService: 'Conditional Access',
      targets: [
        {
          id: demoConditionalAccessIds.mfaAllUsers,
          displayName: 'CA002: Require multifactor authentication for all users',
          type: 'Policy',
          modifiedProperties: [
            { displayName: 'State', oldValue: '"enabled"', newValue: '"enabledForReportingButNotEnforced"' },
          ],
        },
      ],
    },
    {
      key: 'ca003-exclude-sales',
      hoursAgo: 24 * 25,
      by: p.isaiah,
      category: 'Policy',
      activityDisplayName: 'Update conditional access policy',
      operationType: 'Update',
      loggedByService: 'Conditional Access',
      targets: [
        {
          id: demoConditionalAccessIds.signInRisk,
          displayName: 'CA003: Require multifactor authentication for risky sign-ins',
          type: 'Policy',
          modifiedProperties: [
            { displayName: 'Conditions.Users.ExcludeGroups', oldValue: '[]', newValue: '["Sales"]' },
          ],
        },
      ],
    },
    {
      key: 'authz-invites-everyone',
      hoursAgo: 24 * 15,
      by: p.isaiah,
      category: 'Policy',
      activityDisplayName: 'Update authorization policy',
      operationType: 'Update',
      loggedByService: 'Core Directory',
      targets: [
        {
          id: 'authorizationPolicy',
          displayName: 'Authorization Policy',
          type: 'Policy',
          modifiedProperties: [
            { displayName: 'AllowInvitesFrom', oldValue: '"adminsAndGuestInviters"', newValue: '"everyone"' },
          ],
        },
      ],
    },
    {
      key: 'security-defaults-off',
      hoursAgo: 24 * 60,
      by: p.megan,
      category: 'Policy',
      activityDisplayName: 'Update policy',
      operationType: 'Update',
      loggedByService: 'Core Directory',
      targets: [
        {
          id: '00000000-0000-0000-0000-000000000005',
          displayName: 'Security Defaults',
          type: 'Policy',
          modifiedProperties: [{ displayName: 'IsEnabled', oldValue: 'true', newValue: 'false' }],
        },
      ],
    },
    {
      key: 'partner-global-admin',
      hoursAgo: 24 * 45,
      by: p.isaiah,
      category: 'RoleManagement',
      activityDisplayName: 'Add member to role',
      operationType: 'Assign',
      loggedByService: 'Core Directory',
      targets: [
        {
          id: p.partner.id,
          displayName: null,
          type: 'User',
          userPrincipalName: p.partner.userPrincipalName,
          modifiedProperties: [
            { displayName: 'Role.DisplayName', oldValue: null, newValue: '"Global Administrator"' },
          ],
        },
      ],
    },
    {
      key: 'reporting-secret',
      hoursAgo: 24 * 60,
      by: p.christie,
      category: 'ApplicationManagement',
      activityDisplayName: 'Update application – Certificates and secrets management ',
      operationType: 'Update',
      loggedByService: 'Core Directory',
      targets: [
        {
          id: demoAppIds.reporting.id,
          displayName: 'Legacy Reporting Connector',
          type: 'Application',
          modifiedProperties: [{ displayName: 'KeyDescription', oldValue: '[]', newValue: '["reporting"]' }],
        },
      ],
    },
    {
      key: 'reporting-directory-readwrite',
      hoursAgo: 24 * 60 - 1,
      by: p.christie,
      category: 'ApplicationManagement',
      activityDisplayName: 'Add app role assignment to service principal',
      operationType: 'Assign',
      loggedByService: 'Core Directory',
      targets: [
        {
          id: demoAppIds.reporting.sp,
          displayName: 'Legacy Reporting Connector',
          type: 'ServicePrincipal',
          modifiedProperties: [
            { displayName: 'AppRole.Value', oldValue: null, newValue: '"Directory.ReadWrite.All"' },
          ],
        },
      ],
    },
    {
      key: 'lynne-disabled',
      hoursAgo: 24 * 110,
      by: p.megan,
      category: 'UserManagement',
      activityDisplayName: 'Disable account',
      operationType: 'Update',
      loggedByService: 'Core Directory',
      targets: [
        {
          id: p.lynne.id,
          displayName: null,
          type: 'User',
          userPrincipalName: p.lynne.userPrincipalName,
          modifiedProperties: [{ displayName: 'AccountEnabled', oldValue: '[true]', newValue: '[false]' }],
        },
      ],
    },
  ];
  // Newest first, as Graph returns them.
  return specs.sort((a, b) => a.hoursAgo - b.hoursAgo).map((s) => auditEntry(now, s));
}

interface SignInSpec {
  key: string;
  person: DemoPerson;
  hoursAgo: number;
  app: string;
  clientAppUsed: string;
  ipAddress: string;
  city: string;
  country: string;
  errorCode: number;
  failureReason: string | null;
  risk: 'none' | 'low' | 'medium' | 'high';
  riskEventTypes: string[];
  riskEventTypes_v2?: string[];
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  interactive: boolean;
}

export function demoSignIns(now: Date): GraphEntity[] {
  const p = demoPeople;
  const specs: SignInSpec[] = [
    {
      key: 'megan-portal',
      person: p.megan,
      hoursAgo: 2,
      app: 'Microsoft 365 admin center',
      clientAppUsed: 'Browser',
      ipAddress: '203.0.113.10',
      city: 'Redmond',
      country: 'US',
      errorCode: 0,
      failureReason: null,
      risk: 'none',
      riskEventTypes: [],
      conditionalAccessStatus: 'success',
      interactive: true,
    },
    {
      key: 'isaiah-lagos',
      person: p.isaiah,
      hoursAgo: 3,
      app: 'Azure Portal',
      clientAppUsed: 'Browser',
      ipAddress: '198.51.100.23',
      city: 'Lagos',
      country: 'NG',
      errorCode: 0,
      failureReason: null,
      risk: 'high',
      riskEventTypes: ['unfamiliarFeatures'],
      conditionalAccessStatus: 'success',
      interactive: true,
    },
    {
      key: 'isaiah-tor',
      person: p.isaiah,
      hoursAgo: 5,
      app: 'Microsoft Graph PowerShell',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      ipAddress: '192.0.2.77',
      city: 'Amsterdam',
      country: 'NL',
      errorCode: 0,
      failureReason: null,
      risk: 'high',
      riskEventTypes: ['anonymizedIPAddress'],
      conditionalAccessStatus: 'success',
      interactive: true,
    },
    {
      key: 'alex-activesync',
      person: p.alex,
      hoursAgo: 8,
      app: 'Office 365 Exchange Online',
      clientAppUsed: 'Exchange ActiveSync',
      ipAddress: '198.51.100.140',
      city: 'Seattle',
      country: 'US',
      errorCode: 0,
      failureReason: null,
      risk: 'none',
      riskEventTypes: [],
      conditionalAccessStatus: 'notApplied',
      interactive: false,
    },
    {
      key: 'lee-smtp',
      person: p.lee,
      hoursAgo: 20,
      app: 'Office 365 Exchange Online',
      clientAppUsed: 'Authenticated SMTP',
      ipAddress: '198.51.100.141',
      city: 'Seattle',
      country: 'US',
      errorCode: 50126,
      failureReason: 'Error validating credentials due to invalid username or password.',
      risk: 'none',
      riskEventTypes: [],
      conditionalAccessStatus: 'notApplied',
      interactive: false,
    },
    {
      key: 'adele-toronto',
      person: p.adele,
      hoursAgo: 30,
      app: 'Office 365 SharePoint Online',
      clientAppUsed: 'Browser',
      ipAddress: '203.0.113.200',
      city: 'Toronto',
      country: 'CA',
      errorCode: 0,
      failureReason: null,
      risk: 'medium',
      riskEventTypes: ['unfamiliarFeatures'],
      conditionalAccessStatus: 'success',
      interactive: true,
    },
    {
      key: 'partner-portal',
      person: p.partner,
      hoursAgo: 24 * 10,
      app: 'Azure Portal',
      clientAppUsed: 'Browser',
      ipAddress: '203.0.113.77',
      city: 'Chicago',
      country: 'US',
      errorCode: 0,
      failureReason: null,
      risk: 'none',
      riskEventTypes: [],
      conditionalAccessStatus: 'success',
      interactive: true,
    },
    {
      key: 'diego-spray',
      person: p.diego,
      hoursAgo: 24 * 41,
      app: 'Office 365 Exchange Online',
      clientAppUsed: 'IMAP4',
      ipAddress: '198.51.100.99',
      city: 'Moscow',
      country: 'RU',
      errorCode: 50053,
      failureReason:
        'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
      risk: 'high',
      // The enum riskEventTypes has no passwordSpray (it is frozen); riskEventTypes_v2 carries it.
      riskEventTypes: ['unknownFutureValue'],
      riskEventTypes_v2: ['passwordSpray'],
      conditionalAccessStatus: 'notApplied',
      interactive: true,
    },
  ];
  return specs
    .sort((a, b) => a.hoursAgo - b.hoursAgo)
    .map((s) => ({
      id: stableId(`signIn/${s.key}`),
      createdDateTime: hoursAgo(now, s.hoursAgo),
      userDisplayName: s.person.displayName,
      userPrincipalName: s.person.userPrincipalName,
      userId: s.person.id,
      appId: stableId(`firstPartyApp/${s.app}`),
      appDisplayName: s.app,
      ipAddress: s.ipAddress,
      clientAppUsed: s.clientAppUsed,
      correlationId: stableId(`signIn/${s.key}/correlation`),
      conditionalAccessStatus: s.conditionalAccessStatus,
      isInteractive: s.interactive,
      riskDetail: 'none',
      riskLevelAggregated: s.risk,
      riskLevelDuringSignIn: s.risk,
      riskState: s.risk === 'none' ? 'none' : s.key === 'diego-spray' ? 'remediated' : 'atRisk',
      riskEventTypes: s.riskEventTypes,
      riskEventTypes_v2: s.riskEventTypes_v2 ?? s.riskEventTypes,
      resourceDisplayName: s.app,
      resourceId: stableId(`firstPartyResource/${s.app}`),
      status: { errorCode: s.errorCode, failureReason: s.failureReason, additionalDetails: null },
      deviceDetail: {
        deviceId: '',
        displayName: null,
        operatingSystem: s.clientAppUsed === 'Browser' ? 'Windows 10' : null,
        browser: s.clientAppUsed === 'Browser' ? 'Edge 120.0.0' : null,
        isCompliant: false,
        isManaged: false,
        trustType: null,
      },
      location: {
        city: s.city,
        state: null,
        countryOrRegion: s.country,
        geoCoordinates: null,
      },
      appliedConditionalAccessPolicies: [],
    }));
}
