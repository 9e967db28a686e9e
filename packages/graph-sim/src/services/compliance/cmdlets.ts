import type { CmdletTable } from '../service-handler.js';

// Security & Compliance (Purview) read cmdlets.
export const complianceCmdlets: CmdletTable = {};
