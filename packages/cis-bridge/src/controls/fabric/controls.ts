// CIS 9.1: Fabric (Power BI) tenant settings, read over the Fabric admin API's tenant settings list
// (one read a run). CIS's audit procedure for most of them accepts two states: Disabled, or Enabled
// with specific security groups selected and defined; enabled for the whole organisation (with or
// without excluded groups) fails. Setting names: Microsoft365DSC's FabricAdminTenantSettings, whose
// titles are the portal's; 9.1.10 is 'Service principals can call Fabric public APIs' in CIS v6.
import type { FindingSeverity } from '@m365-mcp/graph-core';
import { cisServiceControl } from '../cis-service-control.js';
import type { Control, EvaluationContext, Outcome } from '../types.js';
import { fabricEnabledIs, fabricEvidence, fabricRestricted, fabricSetting } from './tenant-settings.js';

const PORTAL = 'Fabric admin portal > Tenant settings';

function fabricControl(
  id: string,
  severity: FindingSeverity,
  remediation: string,
  evaluate: (ctx: EvaluationContext) => Outcome,
): Control {
  return cisServiceControl(id, { severity, resources: ['fabricTenantSettings'], remediation, evaluate });
}

/** Disabled, or enabled for specific security groups only: the remediation says both. */
function restrict(section: string, title: string): string {
  return `${PORTAL} > ${section} > '${title}': Disabled, or Enabled for specific security groups (not the entire organization).`;
}

/**
 * CIS 9.1.4 accepts Publish to web enabled for specific groups only when embed codes are limited to
 * existing ones, a choice the tenant settings list does not carry: that case is left to a person.
 */
function publishToWeb(ctx: EvaluationContext): Outcome {
  const view = fabricSetting(ctx, 'PublishToWeb');
  const evidence = fabricEvidence(
    view,
    "Disabled, or enabled for specific security groups with 'Only allow existing codes'",
  );
  if (!view.enabled) return { status: 'pass', evidence };
  if (view.enabledFor.length === 0) return { status: 'fail', evidence };
  return {
    status: 'manual',
    evidence: {
      ...evidence,
      unread:
        "'Choose how embed codes work' is not in the tenant settings API: confirm 'Only allow existing codes' in the portal.",
    },
  };
}

export const fabricControls: Control[] = [
  fabricControl(
    '9.1.1',
    'medium',
    restrict('Export and Sharing settings', 'Guest users can access Microsoft Fabric'),
    fabricRestricted('AllowGuestUserToAccessSharedContent'),
  ),
  fabricControl(
    '9.1.2',
    'medium',
    restrict(
      'Export and Sharing settings',
      'Users can invite guest users to collaborate through item sharing and permissions',
    ),
    fabricRestricted('ExternalSharingV2'),
  ),
  fabricControl(
    '9.1.3',
    'medium',
    restrict('Export and Sharing settings', 'Guest users can browse and access Fabric content'),
    fabricRestricted('ElevatedGuestsTenant'),
  ),
  fabricControl(
    '9.1.4',
    'high',
    `${PORTAL} > Export and Sharing settings > 'Publish to web': Disabled (or Enabled for specific security groups with 'Choose how embed codes work' set to 'Only allow existing codes').`,
    publishToWeb,
  ),
  fabricControl(
    '9.1.5',
    'medium',
    `${PORTAL} > R and Python visuals settings > 'Interact with and share R and Python visuals': Disabled.`,
    fabricEnabledIs('RScriptVisual', false),
  ),
  fabricControl(
    '9.1.6',
    'medium',
    `${PORTAL} > Information protection > 'Allow users to apply sensitivity labels for content': Enabled (for the organization or specific security groups).`,
    fabricEnabledIs('EimInformationProtectionEdit', true),
  ),
  fabricControl(
    '9.1.7',
    'medium',
    restrict(
      'Export and Sharing settings',
      'Allow shareable links to grant access to everyone in your organization',
    ),
    fabricRestricted('ShareLinkToEntireOrg'),
  ),
  fabricControl(
    '9.1.8',
    'medium',
    restrict('Export and Sharing settings', 'Allow specific users to turn on external data sharing'),
    fabricRestricted('EnableDatasetInPlaceSharing'),
  ),
  fabricControl(
    '9.1.9',
    'medium',
    `${PORTAL} > Developer settings > 'Block ResourceKey Authentication': Enabled.`,
    fabricEnabledIs('BlockResourceKeyAuthentication', true),
  ),
  fabricControl(
    '9.1.10',
    'high',
    restrict('Developer settings', 'Service principals can call Fabric public APIs'),
    fabricRestricted('ServicePrincipalAccessPermissionAPIs'),
  ),
  fabricControl(
    '9.1.11',
    'medium',
    restrict('Developer settings', 'Allow service principals to create and use profiles'),
    fabricRestricted('AllowServicePrincipalsCreateAndUseProfiles'),
  ),
  fabricControl(
    '9.1.12',
    'high',
    restrict(
      'Developer settings',
      'Service principals can create workspaces, connections, and deployment pipelines',
    ),
    fabricRestricted('ServicePrincipalAccessGlobalAPIs'),
  ),
];
