import type { CmdletTable } from '../service-handler.js';

// Defender for Office 365 and Exchange Online Protection policies, served by Exchange Online.
export const defenderCmdlets: CmdletTable = {};
