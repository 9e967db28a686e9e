import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import type { Outcome } from '../types.js';
import { items, type Json, str, strings } from '../values.js';

// Reading Defender / EOP policies as their Get- cmdlets write them. Tenant data is untrusted: every
// property is read defensively, and a list that should never be empty (each tenant has its Default
// policy) makes the check an error rather than a pass over nothing.

/** The policies an admin configures: the default and custom ones, not the preset policies' own. */
export function adminPolicies(value: unknown, cmdlet: string): Json[] {
  const all = items(value);
  if (all.length === 0)
    throw new Error(`${cmdlet} answered no policies; every tenant has its Default policy.`);
  return all.filter((p) => p.RecommendedPolicyType !== 'Standard' && p.RecommendedPolicyType !== 'Strict');
}

export function nameOf(policy: Json): string {
  return str(policy.Name) ?? str(policy.Identity) ?? '(unnamed)';
}

export function identityOf(policy: Json): string {
  return str(policy.Identity) ?? nameOf(policy);
}

/**
 * Passes when every policy is `ok`; fails naming the first that is not as the finding's resource.
 * `show` is what the evidence says of each policy.
 */
export function everyPolicy(
  policies: Json[],
  resourceType: string,
  ok: (policy: Json) => boolean,
  show: (policy: Json) => Record<string, unknown>,
  expected: Record<string, unknown> | string,
): Outcome {
  const offenders = policies.filter((p) => !ok(p));
  const evidence = {
    policies: policies.map((p) => ({ policy: nameOf(p), ...show(p) })),
    expected,
    ...(offenders.length > 0 ? { offendingPolicies: offenders.map(nameOf) } : {}),
  };
  const first = offenders[0];
  return first
    ? {
        status: 'fail',
        evidence,
        resource: { type: resourceType, id: identityOf(first), displayName: nameOf(first) },
      }
    : { status: 'pass', evidence };
}

export function nonEmpty(value: unknown): boolean {
  return strings(value).some((s) => s.trim() !== '');
}

/** A rule's recipient conditions as the evidence shows them (only those set). */
export function conditionsOf(rule: Json): Record<string, string[]> {
  const shown: Record<string, string[]> = {};
  for (const key of [
    'SentTo',
    'SentToMemberOf',
    'RecipientDomainIs',
    'ExceptIfSentTo',
    'ExceptIfSentToMemberOf',
    'ExceptIfRecipientDomainIs',
  ]) {
    const values = strings(rule[key]);
    if (values.length > 0) shown[key] = values;
  }
  return shown;
}

/** A property as evidence: its value, or null when the cmdlet left it out. */
export function shown(value: unknown): FindingEvidenceValue {
  return value === undefined ? null : (value as FindingEvidenceValue);
}
