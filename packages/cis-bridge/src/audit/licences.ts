import type { Licence } from '../controls/resources.js';
import { items, str } from '../controls/values.js';

// Service plans that licence gated controls (Maester's ids): a control needing one the tenant lacks
// is `skipped`, never `fail`.
const PLANS: Record<Licence, string[]> = {
  entraP1: ['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'eec0eb4f-6444-4f95-aba0-50c24d67f998'],
  entraP2: ['eec0eb4f-6444-4f95-aba0-50c24d67f998', 'e866a266-3cff-43a3-acca-0c90a7e00c8b'],
  // Plan 1 is ATP_ENTERPRISE; Plan 2 (THREAT_INTELLIGENCE) comes with Plan 1's features.
  defenderO365P1: ['f20fedf3-f3c3-43c3-8267-2bfdd51c0939', '8e0c0a52-6a6c-4d40-8370-dd62790dcd70'],
  defenderO365P2: ['8e0c0a52-6a6c-4d40-8370-dd62790dcd70'],
};

export const licenceNames: Record<Licence, string> = {
  entraP1: 'Microsoft Entra ID P1',
  entraP2: 'Microsoft Entra ID P2 (or ID Governance)',
  defenderO365P1: 'Microsoft Defender for Office 365 Plan 1 (or Plan 2)',
  defenderO365P2: 'Microsoft Defender for Office 365 Plan 2',
};

export function licencesFrom(subscribedSkus: unknown): Set<Licence> {
  const provisioned = new Set<string>();
  for (const sku of items(subscribedSkus)) {
    if (sku.capabilityStatus !== undefined && sku.capabilityStatus !== 'Enabled') continue;
    for (const plan of items(sku.servicePlans)) {
      if (plan.provisioningStatus === undefined || plan.provisioningStatus === 'Success') {
        const id = str(plan.servicePlanId);
        if (id) provisioned.add(id.toLowerCase());
      }
    }
  }
  const held = new Set<Licence>();
  for (const [licence, plans] of Object.entries(PLANS) as [Licence, string[]][]) {
    if (plans.some((p) => provisioned.has(p))) held.add(licence);
  }
  return held;
}
