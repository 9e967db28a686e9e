import type { Tenant } from '@m365-mcp/graph-sim';
import type { Json } from './tenant-edits.js';

// One row per evaluated control: an edit of the demo tenant that makes it fail and one that makes it
// pass (`undefined` = the demo tenant as planted already does), each with the evidence the finding
// must carry. Evidence is matched partially (toMatchObject), or by a function.

export type EvidenceCheck = Json | ((evidence: Json) => boolean);

export interface ControlScenario {
  id: string;
  fail?: (t: Tenant) => void;
  failEvidence: EvidenceCheck;
  pass?: (t: Tenant) => void;
  passEvidence: EvidenceCheck;
}
