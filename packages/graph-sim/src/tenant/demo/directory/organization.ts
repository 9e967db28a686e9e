// The tenant itself: organization, domains and licences. Contoso is hybrid (directory sync on, with
// password hash sync) and holds Microsoft 365 E5 plus standalone Entra ID P2.
import type { GraphEntity, GraphUser } from '../../directory.js';
import { CONTOSO_TENANT_ID } from '../people.js';
import { daysAgo, hoursAgo, stableId } from './ids.js';
import { type ServicePlanName, servicePlans, skuIds } from './wellKnown.js';

export function demoOrganization(now: Date): GraphEntity {
  return {
    id: CONTOSO_TENANT_ID,
    deletedDateTime: null,
    businessPhones: ['+1 425 555 0100'],
    city: 'Redmond',
    country: 'United States',
    countryLetterCode: 'US',
    createdDateTime: daysAgo(now, 1300),
    defaultUsageLocation: 'US',
    displayName: 'Contoso',
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: hoursAgo(now, 0.5),
    onPremisesSyncEnabled: true,
    postalCode: '98052',
    preferredLanguage: 'en',
    privacyProfile: { contactEmail: 'privacy@contoso.com', statementUrl: 'https://contoso.com/privacy' },
    securityComplianceNotificationMails: ['security@contoso.com'],
    securityComplianceNotificationPhones: [],
    state: 'WA',
    street: '1 Contoso Way',
    technicalNotificationMails: ['it@contoso.com'],
    tenantType: 'AAD',
    directorySizeQuota: { used: 412, total: 50000 },
    assignedPlans: (
      ['AAD_PREMIUM', 'AAD_PREMIUM_P2', 'EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE'] as const
    ).map((name) => ({
      assignedDateTime: daysAgo(now, 1200),
      capabilityStatus: 'Enabled',
      service: name.startsWith('AAD') ? 'AADPremiumService' : name.split('_')[0]?.toLowerCase(),
      servicePlanId: servicePlans[name],
    })),
    provisionedPlans: [
      { capabilityStatus: 'Enabled', provisioningStatus: 'Success', service: 'exchange' },
      { capabilityStatus: 'Enabled', provisioningStatus: 'Success', service: 'SharePoint' },
    ],
    // Every verified domain, as /domains lists them: a check that counts them as internal must not
    // miss the secondary ones.
    verifiedDomains: demoDomains()
      .filter((d) => d.isVerified === true)
      .map((d) => ({
        capabilities: (d.supportedServices as string[]).join(', '),
        isDefault: d.isDefault,
        isInitial: d.isInitial,
        name: d.id,
        type: d.authenticationType,
      })),
  };
}

export function demoDomains(): GraphEntity[] {
  const domain = (id: string, fields: Record<string, unknown>): GraphEntity => ({
    id,
    authenticationType: 'Managed',
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: false,
    isInitial: false,
    isRoot: true,
    isVerified: true,
    passwordNotificationWindowInDays: 14,
    passwordValidityPeriodInDays: 2147483647,
    supportedServices: ['Email', 'OfficeCommunicationsOnline'],
    state: null,
    ...fields,
  });
  return [
    domain('contoso.com', { isDefault: true }),
    domain('contoso.onmicrosoft.com', { isInitial: true }),
    // Planted: a verified domain whose passwords still expire (CIS 1.3.1).
    domain('fabrikam-legacy.contoso.com', { isRoot: false, passwordValidityPeriodInDays: 90 }),
  ];
}

interface SkuSpec {
  skuId: string;
  skuPartNumber: string;
  units: number;
  plans: ServicePlanName[];
}

/** The licences the demo (and the licence-variant helpers) can hold. */
export const skuCatalogue = {
  SPE_E5: {
    skuId: skuIds.microsoft365E5,
    skuPartNumber: 'SPE_E5',
    units: 25,
    plans: [
      'AAD_PREMIUM',
      'AAD_PREMIUM_P2',
      'MFA_PREMIUM',
      'EXCHANGE_S_ENTERPRISE',
      'SHAREPOINTENTERPRISE',
      'TEAMS1',
      'OFFICESUBSCRIPTION',
      'ATP_ENTERPRISE',
      'THREAT_INTELLIGENCE',
    ],
  },
  SPE_E3: {
    skuId: skuIds.microsoft365E3,
    skuPartNumber: 'SPE_E3',
    units: 25,
    plans: [
      'AAD_PREMIUM',
      'MFA_PREMIUM',
      'EXCHANGE_S_ENTERPRISE',
      'SHAREPOINTENTERPRISE',
      'TEAMS1',
      'OFFICESUBSCRIPTION',
    ],
  },
  AAD_PREMIUM_P2: {
    skuId: skuIds.entraIdP2,
    skuPartNumber: 'AAD_PREMIUM_P2',
    units: 5,
    plans: ['AAD_PREMIUM', 'AAD_PREMIUM_P2', 'MFA_PREMIUM'],
  },
  O365_BUSINESS_ESSENTIALS: {
    skuId: skuIds.microsoft365BusinessBasic,
    skuPartNumber: 'O365_BUSINESS_ESSENTIALS',
    units: 25,
    plans: ['EXCHANGE_S_STANDARD', 'SHAREPOINTSTANDARD', 'TEAMS1'],
  },
} as const satisfies Record<string, SkuSpec>;

export type SkuPartNumber = keyof typeof skuCatalogue;

/** One `subscribedSku`, with consumedUnits counted from the users who hold it. */
export function subscribedSku(
  tenantId: string,
  part: SkuPartNumber,
  users: readonly GraphUser[],
): GraphEntity {
  const s: SkuSpec = skuCatalogue[part];
  const consumed = users.filter((u) => u.assignedLicenses?.some((l) => l.skuId === s.skuId)).length;
  return {
    id: `${tenantId}_${s.skuId}`,
    accountId: tenantId,
    accountName: 'Contoso',
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: consumed,
    prepaidUnits: { enabled: Math.max(s.units, consumed), lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: s.plans.map((name) => ({
      servicePlanId: servicePlans[name],
      servicePlanName: name,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
    skuId: s.skuId,
    skuPartNumber: s.skuPartNumber,
    subscriptionIds: [stableId(`subscription/${tenantId}/${s.skuPartNumber}`)],
  };
}

export function demoSubscribedSkus(users: readonly GraphUser[]): GraphEntity[] {
  return [
    subscribedSku(CONTOSO_TENANT_ID, 'SPE_E5', users),
    subscribedSku(CONTOSO_TENANT_ID, 'AAD_PREMIUM_P2', users),
  ];
}
