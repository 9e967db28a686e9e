// Licence variants of a directory, for licence-gating tests and scenarios: the same tenant with
// Microsoft 365 E3 (Entra ID P1, no P2) or with Business Basic (no Entra ID premium at all).
import type { DirectoryData } from '../../directory.js';
import { type SkuPartNumber, skuCatalogue, subscribedSku } from './organization.js';
import { servicePlans } from './wellKnown.js';

export type EntraIdLicence = 'P2' | 'P1' | 'free';

const MAIN_SKU: Record<EntraIdLicence, SkuPartNumber[]> = {
  P2: ['SPE_E5', 'AAD_PREMIUM_P2'],
  P1: ['SPE_E3'],
  free: ['O365_BUSINESS_ESSENTIALS'],
};

/**
 * Re-licenses the directory in place: every licensed user moves to the variant's main SKU and
 * `subscribedSkus` is rebuilt. Identity Protection and PIM then answer as Graph does for that level.
 */
export function setEntraIdLicence(directory: DirectoryData, licence: EntraIdLicence): void {
  const parts = MAIN_SKU[licence];
  const [main] = parts;
  if (main === undefined) return;
  const mainSkuId = skuCatalogue[main].skuId;
  for (const user of directory.users) {
    if (user.assignedLicenses && user.assignedLicenses.length > 0) {
      user.assignedLicenses = [{ disabledPlans: [], skuId: mainSkuId }];
    }
  }
  directory.subscribedSkus = parts.map((part) =>
    subscribedSku(directory.organization.id, part, directory.users),
  );
}

/** True when an enabled subscription in the tenant provisions the service plan. */
export function hasServicePlan(directory: DirectoryData, planId: string): boolean {
  return directory.subscribedSkus.some((sku) => {
    if (sku.capabilityStatus !== 'Enabled') return false;
    const plans = Array.isArray(sku.servicePlans)
      ? (sku.servicePlans as { servicePlanId?: unknown; provisioningStatus?: unknown }[])
      : [];
    return plans.some((plan) => plan.servicePlanId === planId && plan.provisioningStatus === 'Success');
  });
}

export function hasEntraIdP1(directory: DirectoryData): boolean {
  return hasServicePlan(directory, servicePlans.AAD_PREMIUM) || hasEntraIdP2(directory);
}

export function hasEntraIdP2(directory: DirectoryData): boolean {
  return hasServicePlan(directory, servicePlans.AAD_PREMIUM_P2);
}
