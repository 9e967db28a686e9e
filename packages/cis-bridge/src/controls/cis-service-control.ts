import type { FindingReference } from '@m365-mcp/graph-core';
import { cisControlId, cisV6Recommendations } from './cis-v6.js';
import { graph } from './define.js';
import { cis, type GraphControl } from './types.js';

// A CIS v6 recommendation evaluated over an admin API beyond Graph: its id, title, level and profile
// come from the benchmark's list (cis-v6.ts), as the manual rows' do, so the two never disagree.

const recommendations = new Map(cisV6Recommendations.map((r) => [r.id, r]));

export function cisServiceControl(
  id: string,
  control: Omit<GraphControl, 'kind' | 'id' | 'title' | 'section' | 'level' | 'profile' | 'references'> & {
    /** Beyond the CIS reference itself (CISA SCuBA, MITRE); the CIS one given again is not repeated. */
    references?: FindingReference[];
  },
): GraphControl {
  const recommendation = recommendations.get(id);
  if (!recommendation) throw new Error(`${id} is not a CIS v6 recommendation`);
  const { references = [], ...rest } = control;
  return graph({
    id: cisControlId(id),
    title: recommendation.title,
    section: id.split('.').slice(0, 2).join('.'),
    level: recommendation.level,
    profile: recommendation.profile ?? 'E3',
    references: [cis(id), ...references.filter((r) => !(r.framework === 'CIS' && r.id === id))],
    ...rest,
  });
}
