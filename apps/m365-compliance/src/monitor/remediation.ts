import {
  applyWriteUnattended,
  type UnattendedWriteOptions,
  type UnattendedWriteResult,
} from '@m365-mcp/mcp-kit';
import { remediableControls, remediateControl } from '../tools/remediate-control.js';

// The monitor's optional auto-remediation: for controls the operator listed, and only those, a
// failing control is fixed through remediate_control's plan and the write gate's apply, audited.

/**
 * Controls the monitor may fix on its own: remediate_control's allow-list minus the ones whose fix
 * needs a decision only a person can make (the admin consent workflow needs a named reviewer).
 */
export const autoRemediableControls: readonly string[] = remediableControls.filter(
  (id) => id !== 'CIS.M365.5.1.5.2',
);

export interface RemediationOutcome {
  controlId: string;
  status: UnattendedWriteResult['status'];
  /** Shared by the two audit lines of this write (planned, then applied or error). */
  planId?: string;
  message: string;
}

export type Remediator = (controlId: string) => Promise<RemediationOutcome>;

/** The operator's list, checked against what may be fixed unattended; an unknown id is an error. */
export function checkRemediationList(ids: readonly string[]): string[] {
  const wanted = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  const refused = wanted.filter((id) => !autoRemediableControls.includes(id));
  if (refused.length > 0)
    throw new Error(
      `cannot auto-remediate ${refused.join(', ')}: only ${autoRemediableControls.join(', ')} can be fixed unattended (CIS.M365.5.1.5.2 needs a reviewer: use remediate_control).`,
    );
  return wanted;
}

/** Fixes one control through remediate_control's plan and the unattended write gate. */
export function gateRemediator(options: Omit<UnattendedWriteOptions, 'authorisedBy'>): Remediator {
  return async (controlId) => {
    const result = await applyWriteUnattended(
      remediateControl,
      { controlId },
      { ...options, authorisedBy: 'm365-compliance monitor allow-list (--remediate)' },
    );
    return { controlId, status: result.status, planId: result.planId, message: result.message };
  };
}
