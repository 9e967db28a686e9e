import type { Tenant } from '@m365-mcp/graph-sim';
import type { ControlScenario } from './scenario-row.js';

// CIS 9.1 over the Fabric admin API's tenant settings. The demo fails 9.1.1, 9.1.4, 9.1.7 and 9.1.9
// as planted and passes the rest; each row's other edit turns it around.

const APPROVED = { graphId: 'a6c1c4f0-9f55-4c7e-9d0e-1f3e2b7a9c01', name: 'Fabric Approved Users' };

type Scope = 'off' | 'everyone' | 'groups';

/** Sets a tenant setting off, on for the organisation, or on for one security group. */
function fabric(settingName: string, scope: Scope): (t: Tenant) => void {
  return (t) => {
    const row = t.fabric.tenantSettings.find((s) => s.settingName === settingName);
    if (!row) throw new Error(`the demo's Fabric settings lack ${settingName}`);
    row.enabled = scope !== 'off';
    delete row.enabledSecurityGroups;
    delete row.excludedSecurityGroups;
    if (scope === 'groups') row.enabledSecurityGroups = [{ ...APPROVED }];
  };
}

const ORG = 'Enabled for the entire organization';
const GROUPS = 'Enabled for specific security groups';

/** A "Disabled, or enabled for specific security groups" row: fails open, passes scoped (or off). */
function restricted(
  id: string,
  settingName: string,
  demoFails: boolean,
  passScope: Scope = 'groups',
): ControlScenario {
  return {
    id,
    fail: demoFails ? undefined : fabric(settingName, 'everyone'),
    failEvidence: { settingName, enabled: true, state: ORG, enabledSecurityGroups: [] },
    pass: fabric(settingName, passScope),
    passEvidence:
      passScope === 'groups'
        ? { settingName, enabled: true, state: GROUPS, enabledSecurityGroups: [APPROVED.name] }
        : { settingName, enabled: false, state: 'Disabled' },
  };
}

export const fabricScenarios: ControlScenario[] = [
  restricted('CIS.M365.9.1.1', 'AllowGuestUserToAccessSharedContent', true),
  restricted('CIS.M365.9.1.2', 'ExternalSharingV2', false),
  restricted('CIS.M365.9.1.3', 'ElevatedGuestsTenant', false, 'off'),
  {
    id: 'CIS.M365.9.1.4',
    failEvidence: { settingName: 'PublishToWeb', enabled: true, state: ORG },
    pass: fabric('PublishToWeb', 'off'),
    passEvidence: { settingName: 'PublishToWeb', enabled: false, state: 'Disabled' },
  },
  {
    id: 'CIS.M365.9.1.5',
    fail: fabric('RScriptVisual', 'everyone'),
    failEvidence: { settingName: 'RScriptVisual', enabled: true, expected: 'Disabled' },
    passEvidence: { settingName: 'RScriptVisual', enabled: false, state: 'Disabled' },
  },
  {
    id: 'CIS.M365.9.1.6',
    fail: fabric('EimInformationProtectionEdit', 'off'),
    failEvidence: { settingName: 'EimInformationProtectionEdit', enabled: false, expected: 'Enabled' },
    pass: fabric('EimInformationProtectionEdit', 'groups'),
    passEvidence: { settingName: 'EimInformationProtectionEdit', enabled: true, state: GROUPS },
  },
  restricted('CIS.M365.9.1.7', 'ShareLinkToEntireOrg', true),
  restricted('CIS.M365.9.1.8', 'EnableDatasetInPlaceSharing', false, 'off'),
  {
    id: 'CIS.M365.9.1.9',
    failEvidence: { settingName: 'BlockResourceKeyAuthentication', enabled: false, expected: 'Enabled' },
    pass: fabric('BlockResourceKeyAuthentication', 'everyone'),
    passEvidence: { settingName: 'BlockResourceKeyAuthentication', enabled: true, state: ORG },
  },
  restricted('CIS.M365.9.1.10', 'ServicePrincipalAccessPermissionAPIs', false),
  restricted('CIS.M365.9.1.11', 'AllowServicePrincipalsCreateAndUseProfiles', false, 'off'),
  restricted('CIS.M365.9.1.12', 'ServicePrincipalAccessGlobalAPIs', false),
];
