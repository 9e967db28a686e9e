// Reading the SharePoint admin API's Tenant object as the CIS 7 controls need it. The API sends enums
// as numbers; the controls decide on the numbers and show the names in evidence (an admin reads
// 'Direct', not 1). A body that is not the Tenant object, or a deciding property the API gave no
// value for, makes the control an error: never a verdict read from an absent value.
import type { EvaluationContext } from '../types.js';
import { at, type Json, obj } from '../values.js';

/** Microsoft.Online.SharePoint.TenantManagement.SharingCapabilities */
export const sharingCapabilityNames = [
  'Disabled',
  'ExternalUserSharingOnly',
  'ExternalUserAndGuestSharing',
  'ExistingExternalUserSharingOnly',
] as const;
/** SharingLinkType */
export const sharingLinkTypeNames = ['None', 'Direct', 'Internal', 'AnonymousAccess'] as const;
/** SharingPermissionType */
export const sharingPermissionNames = ['None', 'View', 'Edit'] as const;

const SOURCE = 'GET /_api/Microsoft.Online.SharePoint.TenantAdministration.Tenant';

export function sharePointTenant(ctx: EvaluationContext): Json {
  const body = obj(ctx.get('sharePointTenant'));
  // A verbose-metadata body wraps the object in `d`; read it the same way.
  const tenant = 'SharingCapability' in body ? body : obj(body.d);
  if (typeof tenant.SharingCapability !== 'number') {
    throw new Error(
      `${SOURCE} answered a body that is not the Tenant object (no numeric SharingCapability).`,
    );
  }
  return tenant;
}

export function tenantValue(tenant: Json, property: string): unknown {
  const value = at(tenant, property);
  if (value === undefined || value === null) throw new Error(`${SOURCE} gave no value for ${property}.`);
  return value;
}

export function tenantBoolean(tenant: Json, property: string): boolean {
  const value = tenantValue(tenant, property);
  if (typeof value !== 'boolean')
    throw new Error(`${SOURCE} gave ${property} as ${typeof value}, not a boolean.`);
  return value;
}

export function tenantNumber(tenant: Json, property: string): number {
  const value = tenantValue(tenant, property);
  if (typeof value !== 'number')
    throw new Error(`${SOURCE} gave ${property} as ${typeof value}, not a number.`);
  return value;
}

/** An enum's name for evidence; a number outside the enum is shown as such. */
export function enumName(names: readonly string[], value: number): string {
  return names[value] ?? `unknown (${value})`;
}

/** Collections arrive as arrays with odata=nometadata and as `{results: [...]}` with odata=verbose. */
export function tenantStrings(tenant: Json, property: string): string[] {
  const value = at(tenant, property);
  const list = Array.isArray(value) ? value : obj(value).results;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}
