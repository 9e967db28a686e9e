import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import type { ResourceKey } from './resources.js';
import type { EvaluationContext, GraphControl, ManualControl, Outcome } from './types.js';
import { at } from './values.js';

export function graph(control: Omit<GraphControl, 'kind'>): GraphControl {
  return { kind: 'graph', ...control };
}

export function manual(control: Omit<ManualControl, 'kind'>): ManualControl {
  return { kind: 'manual', ...control };
}

export function pass(evidence: Record<string, FindingEvidenceValue>): Outcome {
  return { status: 'pass', evidence };
}
export function fail(evidence: Record<string, FindingEvidenceValue>): Outcome {
  return { status: 'fail', evidence };
}
export function verdict(ok: boolean, evidence: Record<string, FindingEvidenceValue>): Outcome {
  return { status: ok ? 'pass' : 'fail', evidence };
}

/**
 * A control over one setting of a singleton resource: passes when the value at `path` is one of
 * `expected`. An absent value is reported as such (the tenant is on Microsoft's default).
 */
export function settingIs(
  resource: ResourceKey,
  path: string,
  expected: readonly unknown[],
): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const actual = at(ctx.get(resource), path);
    const value: FindingEvidenceValue = actual === undefined ? null : (actual as FindingEvidenceValue);
    return verdict(expected.includes(actual), {
      setting: path,
      actual: value,
      expected: expected.length === 1 ? (expected[0] as FindingEvidenceValue) : (expected as unknown[]),
    });
  };
}
