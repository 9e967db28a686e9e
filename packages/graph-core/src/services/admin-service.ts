// The admin APIs beyond Microsoft Graph that the audit reads: what Graph does not carry (Exchange
// Online and its Defender policies, Purview, Teams, Fabric, SharePoint tenant properties).

export type AdminService = 'exchange' | 'compliance' | 'teams' | 'fabric' | 'sharepointAdmin';

export const ADMIN_SERVICES: readonly AdminService[] = [
  'exchange',
  'compliance',
  'teams',
  'fabric',
  'sharepointAdmin',
];

/** The services that run cmdlets through InvokeCommand; the others are REST APIs read with GET. */
export type CmdletService = Extract<AdminService, 'exchange' | 'compliance'>;
export type RestService = Exclude<AdminService, CmdletService>;
