import type { Level, Profile } from '../audit/run.js';
import type { EvidenceValue, Reference, Severity, Status } from '../finding.js';
import type { Licence, ResourceKey } from './resources.js';

/** Operator exceptions, from config: what the tenant has approved on purpose. */
export interface AuditExceptions {
  /** Object ids or UPNs of the emergency-access accounts. */
  breakGlassAccounts: string[];
  /** Ids of Microsoft 365 groups approved to be public. */
  approvedPublicGroups: string[];
  /** Ids of users or groups accepted as exclusions from conditional access policies. */
  acceptedCaExclusions: string[];
}

/** What a control's predicate sees: the run's Graph data (each resource fetched once) and the exceptions. */
export interface EvaluationContext {
  get<T = unknown>(key: ResourceKey): T;
  /** An optional resource: undefined when not licensed, not permitted or failed. */
  optional<T = unknown>(key: ResourceKey): T | undefined;
  /** Transitive members of a group (users), fetched once per group per run. */
  groupMembers(groupId: string): { id: string; userPrincipalName?: string }[];
  exceptions: AuditExceptions;
  licences: ReadonlySet<Licence>;
  now: Date;
}

export interface Outcome {
  status: Extract<Status, 'pass' | 'fail' | 'warning' | 'manual' | 'not_applicable'>;
  /** The values that decided it. */
  evidence: Record<string, EvidenceValue>;
  /** Overrides the control's resource (e.g. one offending policy). */
  resource?: { type: string; id: string; displayName?: string };
}

interface ControlBase {
  /** Stable id, e.g. `CIS.M365.5.1.2.3`, `CISA.MS.AAD.3.4`, `EIDSCA.AP05`. */
  id: string;
  title: string;
  /** CIS section, e.g. `5.1`; the first number is the benchmark chapter. */
  section: string;
  level: Level;
  profile: Profile;
  severity: Severity;
  references: Reference[];
  remediation: string;
}

/** A control Graph can evaluate. */
export interface GraphControl extends ControlBase {
  kind: 'graph';
  resources: ResourceKey[];
  /** Read when available (licensed, permitted); the predicate copes without them. */
  optional?: ResourceKey[];
  licence?: Licence;
  evaluate(ctx: EvaluationContext): Outcome;
  /** Set when `remediate_control` may write the fix through Graph. */
  remediable?: boolean;
}

/** A control Graph cannot read: listed with the reason and where it can be read. */
export interface ManualControl extends ControlBase {
  kind: 'manual';
  reason: string;
  readWith:
    | 'Exchange Online PowerShell'
    | 'Teams PowerShell'
    | 'SharePoint Online PowerShell'
    | 'Purview PowerShell'
    | 'DNS'
    | 'Entra admin center'
    | 'Power BI admin API';
}

export type Control = GraphControl | ManualControl;

export const CIS_VERSION = '6.0.0';

export function cis(id: string): Reference {
  return { framework: 'CIS', id, version: CIS_VERSION };
}
export function cisa(id: string): Reference {
  return { framework: 'CISA-SCuBA', id };
}
export function eidsca(id: string): Reference {
  return { framework: 'EIDSCA', id };
}
export function mitre(id: string): Reference {
  return { framework: 'MITRE-ATTACK', id };
}
