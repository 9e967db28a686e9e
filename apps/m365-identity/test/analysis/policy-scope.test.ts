// The reach of a conditional access policy on its own (no MCP, no Graph): the edge cases the
// scenario tenants do not reach.
import { describe, expect, it } from 'vitest';
import { conditionGaps, type ExclusionContext, exclusionGaps } from '../../src/analysis/policy-scope.js';
import type { ConditionalAccessPolicy } from '../../src/graph/schemas.js';

function policy(
  users: Record<string, unknown>,
  conditions: Record<string, unknown> = {},
): ConditionalAccessPolicy {
  return {
    id: 'p',
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'], ...users }, ...conditions },
  } as ConditionalAccessPolicy;
}

const ctx = (members: Record<string, string[]> = {}): ExclusionContext => ({
  breakGlass: new Set(['bg1', 'bg2']),
  groupMembers: new Map(Object.entries(members)),
});

describe('exclusionGaps', () => {
  it('accepts break-glass accounts in any case, and the sync accounts role', () => {
    const p = policy({ excludeUsers: ['BG1'], excludeRoles: ['D29B2B05-8046-44BA-8758-1E26182FCF32'] });
    expect(exclusionGaps(p, ctx())).toEqual([]);
  });

  it('a group not read is unknown people; an empty group read whole excludes nobody', () => {
    expect(exclusionGaps(policy({ excludeGroups: ['g'] }), ctx())).toEqual([
      'excludes group g (members not read)',
    ]);
    expect(exclusionGaps(policy({ excludeGroups: ['g'] }), ctx({ g: [] }))).toEqual([]);
    expect(exclusionGaps(policy({ excludeGroups: ['G'] }), ctx({ g: ['bg1', 'someone'] }))).toEqual([
      'excludes group G (members besides break-glass)',
    ]);
  });

  it('the legacy guests keyword excludes guests; the guest condition with "none" does not', () => {
    expect(exclusionGaps(policy({ excludeUsers: ['GuestsOrExternalUsers'] }), ctx())).toEqual([
      'excludes guests or external users',
    ]);
    const none = policy({ excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'none' } });
    expect(exclusionGaps(none, ctx())).toEqual([]);
  });
});

describe('conditionGaps', () => {
  it('a device filter, insider risk or an authentication flow narrows the policy', () => {
    const p = policy(
      {},
      {
        devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } },
        insiderRiskLevels: 'elevated',
        authenticationFlows: { transferMethods: 'deviceCodeFlow' },
      },
    );
    expect(conditionGaps(p)).toEqual([
      'only for devices matching a filter',
      'only at some insider risk',
      'only for some authentication flows',
    ]);
    expect(conditionGaps(p, ['authenticationFlows'])).toHaveLength(2);
  });

  it('no client app condition, or "all", narrows nothing; legacy clients alone do', () => {
    expect(conditionGaps(policy({}, { clientAppTypes: [] }))).toEqual([]);
    expect(conditionGaps(policy({}, { clientAppTypes: ['all'] }))).toEqual([]);
    expect(conditionGaps(policy({}, { clientAppTypes: ['exchangeActiveSync', 'other'] }))).toEqual([
      'only for client apps exchangeActiveSync, other',
    ]);
  });
});
