import type { CmdletTable } from '../service-handler.js';

// Exchange Online read cmdlets (organisation, transport, mailboxes, audit, sharing).
export const exchangeCmdlets: CmdletTable = {};
