// Fabric tenant settings for a generated tenant: the demo's list with each CIS 9.1 setting drawn from
// the seed (off, on for everyone, or on for one security group), so generated tenants differ from one
// another and a seed always gives the same settings.

import { demoFabric } from '../demo/fabric.js';
import type { FabricData, FabricTenantSetting } from '../fabric.js';
import { stableGuid } from '../sharepoint/ids.js';

export interface GenerateFabricOptions {
  /** Any text or number; the same seed gives the same settings. Default 'm365-mcp'. */
  seed?: string | number;
  /** Every CIS 9.1 setting at CIS's value (off, or on where CIS wants it on). Default false. */
  hardened?: boolean;
}

/** The CIS 9.1 settings CIS wants on; the others it wants off (or limited to groups). */
const CIS_WANTS_ON = new Set(['EimInformationProtectionEdit', 'BlockResourceKeyAuthentication']);

/** The settings CIS 9.1 reads; every other setting keeps the demo's value. */
const CIS_SETTINGS = new Set([
  'AllowGuestUserToAccessSharedContent',
  'ExternalSharingV2',
  'ElevatedGuestsTenant',
  'PublishToWeb',
  'RScriptVisual',
  'EimInformationProtectionEdit',
  'ShareLinkToEntireOrg',
  'EnableDatasetInPlaceSharing',
  'BlockResourceKeyAuthentication',
  'ServicePrincipalAccessPermissionAPIs',
  'AllowServicePrincipalsCreateAndUseProfiles',
  'ServicePrincipalAccessGlobalAPIs',
]);

function draw(seed: string, key: string): number {
  return Number.parseInt(stableGuid(`fabric:${seed}:${key}`).slice(0, 8), 16) / 0x1_0000_0000;
}

export function generateFabric(options: GenerateFabricOptions = {}): FabricData {
  const seed = String(options.seed ?? 'm365-mcp');
  const group = { graphId: stableGuid(`fabric-group:${seed}`), name: 'Fabric Approved Users' };
  const tenantSettings = demoFabric(new Date(0)).tenantSettings.map((setting): FabricTenantSetting => {
    if (!CIS_SETTINGS.has(setting.settingName)) return setting;
    const { enabledSecurityGroups: _, ...rest } = setting;
    if (options.hardened === true) return { ...rest, enabled: CIS_WANTS_ON.has(setting.settingName) };
    const r = draw(seed, setting.settingName);
    if (r < 0.4) return { ...rest, enabled: false };
    if (r < 0.7 || !setting.canSpecifySecurityGroups) return { ...rest, enabled: true };
    return { ...rest, enabled: true, enabledSecurityGroups: [{ ...group }] };
  });
  return { tenantSettings };
}
