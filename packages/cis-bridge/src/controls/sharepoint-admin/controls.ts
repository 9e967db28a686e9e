// CIS 7.2 and 7.3.1 over the SharePoint admin API's Tenant object (what Get-SPOTenant shows), for
// the properties Graph's sharepointSettings does not carry. Each decides on the numbers the API
// sends and names them in evidence.
import type { FindingSeverity } from '@m365-mcp/graph-core';
import { cisServiceControl } from '../cis-service-control.js';
import { verdict } from '../define.js';
import { type Control, cisa, type EvaluationContext, type Outcome } from '../types.js';
import {
  enumName,
  sharePointTenant,
  sharingCapabilityNames,
  sharingLinkTypeNames,
  sharingPermissionNames,
  tenantBoolean,
  tenantNumber,
  tenantStrings,
} from './tenant.js';

function spoControl(
  id: string,
  severity: FindingSeverity,
  references: string[],
  remediation: string,
  evaluate: (ctx: EvaluationContext) => Outcome,
): Control {
  return cisServiceControl(id, {
    severity,
    references: references.map(cisa),
    resources: ['sharePointTenant'],
    remediation,
    evaluate,
  });
}

const DISABLED = 0; // SharingCapabilities.Disabled
const DIRECT = 1; // SharingLinkType.Direct ('Specific people')
const VIEW = 1; // SharingPermissionType.View

export const sharePointAdminControls: Control[] = [
  spoControl(
    '7.2.2',
    'medium',
    [],
    'Set-SPOTenant -EnableAzureADB2BIntegration $true (guests invited from SharePoint and OneDrive become Entra B2B guests).',
    (ctx) => {
      const value = tenantBoolean(sharePointTenant(ctx), 'EnableAzureADB2BIntegration');
      return verdict(value, { EnableAzureADB2BIntegration: value, expected: true });
    },
  ),
  spoControl(
    '7.2.4',
    'high',
    ['MS.SHAREPOINT.1.2v1'],
    "SharePoint admin center > Policies > Sharing > OneDrive: 'Only people in your organization' (Set-SPOTenant -OneDriveSharingCapability Disabled).",
    (ctx) => {
      const value = tenantNumber(sharePointTenant(ctx), 'OneDriveSharingCapability');
      return verdict(value === DISABLED, {
        OneDriveSharingCapability: enumName(sharingCapabilityNames, value),
        value,
        expected: 'Disabled',
      });
    },
  ),
  spoControl(
    '7.2.7',
    'medium',
    ['MS.SHAREPOINT.2.1v1'],
    "SharePoint admin center > Policies > Sharing > File and folder links: default 'Specific people' (Set-SPOTenant -DefaultSharingLinkType Direct).",
    (ctx) => {
      const value = tenantNumber(sharePointTenant(ctx), 'DefaultSharingLinkType');
      return verdict(value === DIRECT, {
        DefaultSharingLinkType: enumName(sharingLinkTypeNames, value),
        value,
        expected: 'Direct',
      });
    },
  ),
  spoControl(
    '7.2.8',
    'medium',
    [],
    "SharePoint admin center > Policies > Sharing > More external sharing settings: 'Allow only users in specific security groups to share externally', with the groups (Set-SPOTenant -GuestSharingGroupAllowListInTenantByPrincipalIdentity).",
    (ctx) => {
      const tenant = sharePointTenant(ctx);
      const groups = tenantStrings(tenant, 'GuestSharingGroupAllowListInTenantByPrincipalIdentity');
      const names =
        typeof tenant.GuestSharingGroupAllowListInTenant === 'string'
          ? tenant.GuestSharingGroupAllowListInTenant
          : '';
      return verdict(groups.length > 0, {
        GuestSharingGroupAllowListInTenantByPrincipalIdentity: groups,
        GuestSharingGroupAllowListInTenant: names,
        expected: 'at least one security group allowed to share externally',
      });
    },
  ),
  spoControl(
    '7.2.9',
    'medium',
    [],
    "SharePoint admin center > Policies > Sharing > More external sharing settings: 'Guest access to a site or OneDrive will expire automatically after this many days' 30 or fewer (Set-SPOTenant -ExternalUserExpirationRequired $true -ExternalUserExpireInDays 30).",
    (ctx) => {
      const tenant = sharePointTenant(ctx);
      const required = tenantBoolean(tenant, 'ExternalUserExpirationRequired');
      const days = tenantNumber(tenant, 'ExternalUserExpireInDays');
      return verdict(required && days <= 30, {
        ExternalUserExpirationRequired: required,
        ExternalUserExpireInDays: days,
        expected: 'ExternalUserExpirationRequired true and ExternalUserExpireInDays 30 or fewer',
      });
    },
  ),
  spoControl(
    '7.2.10',
    'medium',
    ['MS.SHAREPOINT.3.3v1'],
    "SharePoint admin center > Policies > Sharing > More external sharing settings: 'People who use a verification code must reauthenticate after this many days' 15 or fewer (Set-SPOTenant -EmailAttestationRequired $true -EmailAttestationReAuthDays 15).",
    (ctx) => {
      const tenant = sharePointTenant(ctx);
      const required = tenantBoolean(tenant, 'EmailAttestationRequired');
      const days = tenantNumber(tenant, 'EmailAttestationReAuthDays');
      return verdict(required && days <= 15, {
        EmailAttestationRequired: required,
        EmailAttestationReAuthDays: days,
        expected: 'EmailAttestationRequired true and EmailAttestationReAuthDays 15 or fewer',
      });
    },
  ),
  spoControl(
    '7.2.11',
    'medium',
    ['MS.SHAREPOINT.2.2v1'],
    "SharePoint admin center > Policies > Sharing > File and folder links: permission 'View' (Set-SPOTenant -DefaultLinkPermission View).",
    (ctx) => {
      const value = tenantNumber(sharePointTenant(ctx), 'DefaultLinkPermission');
      return verdict(value === VIEW, {
        DefaultLinkPermission: enumName(sharingPermissionNames, value),
        value,
        expected: 'View',
      });
    },
  ),
  spoControl(
    '7.3.1',
    'high',
    [],
    'Set-SPOTenant -DisallowInfectedFileDownload $true (files Defender for Office 365 finds malicious cannot be downloaded).',
    (ctx) => {
      const value = tenantBoolean(sharePointTenant(ctx), 'DisallowInfectedFileDownload');
      return verdict(value, { DisallowInfectedFileDownload: value, expected: true });
    },
  ),
];
