import type { FindingStatus } from '@m365-mcp/graph-core';
import type { AuditRun } from '../audit/run.js';

export interface StatusChange {
  controlId: string;
  title: string;
  from: FindingStatus | 'absent';
  to: FindingStatus | 'absent';
  /** Evidence keys whose values differ between the two runs. */
  evidenceChanges: { key: string; before: unknown; after: unknown }[];
}

export interface SettingChange {
  resource: string;
  /** Dotted path of the changed value; array items by their `id` when they have one. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface DriftReport {
  baselineRunId: string;
  currentRunId: string;
  statusChanges: StatusChange[];
  settingChanges: SettingChange[];
}

function key(item: unknown, index: number): string {
  if (
    typeof item === 'object' &&
    item !== null &&
    'id' in item &&
    typeof (item as { id: unknown }).id === 'string'
  ) {
    return `[${(item as { id: string }).id}]`;
  }
  return `[${index}]`;
}

function diff(resource: string, path: string, a: unknown, b: unknown, out: SettingChange[]): void {
  if (Object.is(a, b)) return;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const identified = bothArrays && [...a, ...b].every((x) => key(x, 0) !== '[0]');
  if (bothArrays && identified) {
    const before = new Map(a.map((x, i) => [key(x, i), x]));
    const after = new Map(b.map((x, i) => [key(x, i), x]));
    for (const k of new Set([...before.keys(), ...after.keys()]))
      diff(resource, `${path}${k}`, before.get(k), after.get(k), out);
    return;
  }
  const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)]))
      diff(resource, path ? `${path}.${k}` : k, x[k], y[k], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b))
    out.push({ resource, path, before: a ?? null, after: b ?? null });
}

/** Controls that changed status and the Graph settings that changed underneath (volatile fields already stripped). */
export function compareRuns(baseline: AuditRun, current: AuditRun): DriftReport {
  const before = new Map(baseline.results.map((r) => [r.finding.id, r.finding]));
  const after = new Map(current.results.map((r) => [r.finding.id, r.finding]));
  const statusChanges: StatusChange[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    if (a?.status === b?.status) continue;
    const evidenceChanges: StatusChange['evidenceChanges'] = [];
    for (const k of new Set([...Object.keys(a?.evidence ?? {}), ...Object.keys(b?.evidence ?? {})])) {
      const x = a?.evidence[k];
      const y = b?.evidence[k];
      if (JSON.stringify(x) !== JSON.stringify(y))
        evidenceChanges.push({ key: k, before: x ?? null, after: y ?? null });
    }
    statusChanges.push({
      controlId: id,
      title: (b ?? a)?.title ?? id,
      from: a?.status ?? 'absent',
      to: b?.status ?? 'absent',
      evidenceChanges,
    });
  }
  const settingChanges: SettingChange[] = [];
  for (const resource of new Set([...Object.keys(baseline.snapshots), ...Object.keys(current.snapshots)])) {
    // A resource read in only one run (filters differed) is not a change of setting.
    if (!(resource in baseline.snapshots) || !(resource in current.snapshots)) continue;
    diff(resource, '', baseline.snapshots[resource], current.snapshots[resource], settingChanges);
  }
  return { baselineRunId: baseline.id, currentRunId: current.id, statusChanges, settingChanges };
}
