import type {
  FindingEvidenceValue,
  FindingReference,
  FindingSeverity,
  FindingStatus,
} from '@m365-mcp/graph-core';
import type { Level, Profile } from '../audit/run.js';
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

/** A DNS question a control asks (SPF, DMARC, DKIM over the tenant's domains). */
export interface DnsQuery {
  type: 'TXT' | 'CNAME';
  name: string;
}

/**
 * A DNS answer as a control sees it: the records, the name's absence (NXDOMAIN or no record of that
 * type, a fact about the zone), or a failed lookup (SERVFAIL, refused, timeout: no verdict).
 */
export type DnsAnswer = { records: string[] } | { absent: string } | { failed: string };

/** What a control's predicate sees: the run's Graph data (each resource fetched once) and the exceptions. */
export interface EvaluationContext {
  get<T = unknown>(key: ResourceKey): T;
  /** An optional resource: undefined when not licensed, not permitted or failed. */
  optional<T = unknown>(key: ResourceKey): T | undefined;
  /** Transitive members of a group (users), fetched once per group per run. */
  groupMembers(groupId: string): { id: string; userPrincipalName?: string }[];
  /**
   * The answer to a question the control named in `dns` (looked up once a run, before evaluation).
   * Throws (the control is skipped) when the run has no DNS resolver.
   */
  dns(query: DnsQuery): DnsAnswer;
  exceptions: AuditExceptions;
  licences: ReadonlySet<Licence>;
  now: Date;
}

export interface Outcome {
  status: Extract<FindingStatus, 'pass' | 'fail' | 'warning' | 'manual' | 'not_applicable'>;
  /** The values that decided it. */
  evidence: Record<string, FindingEvidenceValue>;
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
  severity: FindingSeverity;
  references: FindingReference[];
  remediation: string;
}

/**
 * A control evaluated from what an API shows: Graph, DNS over Graph's domains, or an admin API
 * beyond Graph (its `resources` say which). The kind keeps its first name, `graph`.
 */
export interface GraphControl extends ControlBase {
  kind: 'graph';
  resources: ResourceKey[];
  /** Read when available (licensed, permitted); the predicate copes without them. */
  optional?: ResourceKey[];
  licence?: Licence;
  /** DNS questions the control asks, from the Graph data (e.g. each mail domain's `_dmarc` TXT). */
  dns?: (ctx: EvaluationContext) => DnsQuery[];
  evaluate(ctx: EvaluationContext): Outcome;
  /** Set when `remediate_control` may write the fix through Graph. */
  remediable?: boolean;
}

/** Where a person reads a setting this server does not evaluate. */
export type ReadWith =
  | 'Entra admin center'
  | 'Microsoft 365 admin center'
  | 'Microsoft Defender portal'
  | 'Intune admin center';

/** A control this server does not evaluate: listed with the reason and where a person reads it. */
export interface ManualControl extends ControlBase {
  kind: 'manual';
  /** Why it is not evaluated here, e.g. "An Exchange Online setting; not in Microsoft Graph; …". */
  reason: string;
  readWith: ReadWith;
  /** The cmdlet and its properties, or the admin centre path, that shows the setting. */
  where: string;
}

export type Control = GraphControl | ManualControl;

export const CIS_VERSION = '6.0.0';

export function cis(id: string): FindingReference {
  return { framework: 'CIS', id, version: CIS_VERSION };
}
export function cisa(id: string): FindingReference {
  return { framework: 'CISA-SCuBA', id };
}
export function eidsca(id: string): FindingReference {
  return { framework: 'EIDSCA', id };
}
export function mitre(id: string): FindingReference {
  return { framework: 'MITRE-ATTACK', id };
}
