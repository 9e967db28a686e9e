// Fabric (Power BI) tenant settings of the simulated tenant, as the Fabric admin API returns them
// (GET /v1/admin/tenantsettings, Microsoft's fabric-rest-api-specs admin/definitions.json:
// TenantSetting, TenantSettingSecurityGroup, TenantSettingProperty). Property names and types are
// the API's; optional ones are left out of a row when the service leaves them out.

/** A security group a setting is enabled for, or excluded from. */
export interface FabricSecurityGroup {
  /** The group's Entra object id. */
  graphId: string;
  name: string;
}

export type FabricTenantSettingPropertyType =
  | 'FreeText'
  | 'Url'
  | 'Boolean'
  | 'MailEnabledSecurityGroup'
  | 'Integer';

export interface FabricTenantSettingProperty {
  name: string;
  /** Always a string, whatever the type says. */
  value: string;
  type: FabricTenantSettingPropertyType;
}

export interface FabricTenantSetting {
  /** The API's name of the setting, e.g. `PublishToWeb`. */
  settingName: string;
  /** As the admin portal shows it, e.g. `Publish to web`. */
  title: string;
  enabled: boolean;
  canSpecifySecurityGroups: boolean;
  /** Present when the setting is enabled for specific security groups only. */
  enabledSecurityGroups?: FabricSecurityGroup[];
  /** Present when the setting is enabled except for these groups. */
  excludedSecurityGroups?: FabricSecurityGroup[];
  /** The portal's section, e.g. `Export and Sharing settings`. */
  tenantSettingGroup?: string;
  properties?: FabricTenantSettingProperty[];
  delegateToWorkspace?: boolean;
  delegateToCapacity?: boolean;
  delegateToDomain?: boolean;
}

export interface FabricData {
  /** Every tenant setting, in the order the API lists them. */
  tenantSettings: FabricTenantSetting[];
}
