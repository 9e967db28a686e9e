import type { SharePointAdminData, Tenant } from '@m365-mcp/graph-sim';
import type { ControlScenario } from './scenario-row.js';

// CIS 7.2/7.3.1 over the SharePoint admin API's Tenant object. The demo fails 7.2.4, 7.2.7 and 7.2.9
// as planted and passes the rest; each row's other edit turns it around. Enums are set as the API
// sends them (numbers) and named in the evidence.

function spo(properties: Partial<SharePointAdminData>): (t: Tenant) => void {
  return (t) => {
    Object.assign(t.sharepointAdmin, properties);
  };
}

export const sharePointAdminScenarios: ControlScenario[] = [
  {
    id: 'CIS.M365.7.2.2',
    fail: spo({ EnableAzureADB2BIntegration: false }),
    failEvidence: { EnableAzureADB2BIntegration: false },
    passEvidence: { EnableAzureADB2BIntegration: true },
  },
  {
    id: 'CIS.M365.7.2.4',
    failEvidence: { OneDriveSharingCapability: 'ExternalUserAndGuestSharing', value: 2 },
    pass: spo({ OneDriveSharingCapability: 0 }),
    passEvidence: { OneDriveSharingCapability: 'Disabled', value: 0 },
  },
  {
    id: 'CIS.M365.7.2.7',
    failEvidence: { DefaultSharingLinkType: 'Internal', value: 2, expected: 'Direct' },
    pass: spo({ DefaultSharingLinkType: 1 }),
    passEvidence: { DefaultSharingLinkType: 'Direct', value: 1 },
  },
  {
    id: 'CIS.M365.7.2.8',
    fail: spo({
      GuestSharingGroupAllowListInTenant: '',
      GuestSharingGroupAllowListInTenantByPrincipalIdentity: [],
    }),
    failEvidence: { GuestSharingGroupAllowListInTenantByPrincipalIdentity: [] },
    passEvidence: { GuestSharingGroupAllowListInTenant: 'IT Department' },
  },
  {
    id: 'CIS.M365.7.2.9',
    failEvidence: { ExternalUserExpirationRequired: false, ExternalUserExpireInDays: 60 },
    pass: spo({ ExternalUserExpirationRequired: true, ExternalUserExpireInDays: 30 }),
    passEvidence: { ExternalUserExpirationRequired: true, ExternalUserExpireInDays: 30 },
  },
  {
    id: 'CIS.M365.7.2.10',
    fail: spo({ EmailAttestationReAuthDays: 30 }),
    failEvidence: { EmailAttestationRequired: true, EmailAttestationReAuthDays: 30 },
    passEvidence: { EmailAttestationRequired: true, EmailAttestationReAuthDays: 15 },
  },
  {
    id: 'CIS.M365.7.2.11',
    fail: spo({ DefaultLinkPermission: 2 }),
    failEvidence: { DefaultLinkPermission: 'Edit', value: 2, expected: 'View' },
    passEvidence: { DefaultLinkPermission: 'View', value: 1 },
  },
  {
    id: 'CIS.M365.7.3.1',
    fail: spo({ DisallowInfectedFileDownload: false }),
    failEvidence: { DisallowInfectedFileDownload: false },
    passEvidence: { DisallowInfectedFileDownload: true },
  },
];
