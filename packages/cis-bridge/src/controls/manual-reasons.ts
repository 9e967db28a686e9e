// Why a recommendation is still read by a person, and the cmdlets that show it: shared by the
// services' manual rows (each service's folder lists its own).

export const EXO =
  'An Exchange Online setting; not in Microsoft Graph; the Exchange admin API reader is planned.';
export const MDO =
  'A Defender for Office 365 policy, held by Exchange Online; not in Microsoft Graph; the Exchange admin API reader is planned.';
export const TEAMS = 'A Teams tenant setting; not in Microsoft Graph; the Teams admin API reader is planned.';
export const SPO =
  "A SharePoint tenant property that Graph's sharepointSettings does not carry; the SharePoint admin API reader is planned.";
export const FABRIC =
  'A Fabric (Power BI) tenant setting; not in Microsoft Graph; the Fabric admin API reader is planned.';
export const PURVIEW =
  'A Purview (Security & Compliance) policy; Graph has no API for apps to read it; the Security & Compliance reader is planned.';
export const PORTAL = 'A portal-only setting with no Graph property.';
export const INTUNE = 'An Intune setting; this server does not read Intune (device management) yet.';
export const FABRIC_PORTAL = 'Fabric admin portal > Tenant settings';
export const MEETING = 'Get-CsTeamsMeetingPolicy -Identity Global';
export const FEDERATION = 'Get-CsTenantFederationConfiguration';
