import {
  type AuditRun,
  catalogue,
  compareRuns,
  isGraphControl,
  type SettingChange,
} from '@m365-mcp/cis-bridge';

// What got WORSE between two runs: a control whose status moved towards fail, or a control still
// failing whose own evidence and underlying settings changed. Improvements and unknowns (error, skipped) never alarm.

export interface WorsenedControl {
  controlId: string;
  title: string;
  from: string;
  to: string;
  kind: 'newly-failing' | 'changed-while-failing';
  /** The Graph settings that changed under this control (the resources it reads). */
  settings: SettingChange[];
}

const rank: Record<string, number> = { pass: 0, warning: 1, fail: 2 };
const resourcesOf = new Map(
  catalogue.filter(isGraphControl).map((c) => [c.id, new Set<string>(c.resources)]),
);

export function worsenedControls(previous: AuditRun, current: AuditRun): WorsenedControl[] {
  const drift = compareRuns(previous, current);
  const settingsUnder = (id: string) => {
    const resources = resourcesOf.get(id);
    return resources ? drift.settingChanges.filter((s) => resources.has(s.resource)) : [];
  };
  const out: WorsenedControl[] = [];
  for (const change of drift.statusChanges) {
    const from = rank[change.from];
    const to = rank[change.to];
    if (from === undefined || to === undefined || to <= from) continue;
    out.push({ ...change, kind: 'newly-failing', settings: settingsUnder(change.controlId) });
  }
  const changedStatus = new Set(drift.statusChanges.map((c) => c.controlId));
  const before = new Map(previous.results.map((r) => [r.finding.id, r.finding]));
  for (const result of current.results) {
    const f = result.finding;
    if (f.status !== 'fail' || changedStatus.has(f.id)) continue;
    // A shared resource changing is not enough: the control's own evidence must have moved.
    if (JSON.stringify(before.get(f.id)?.evidence ?? null) === JSON.stringify(f.evidence)) continue;
    const settings = settingsUnder(f.id);
    if (settings.length > 0)
      out.push({
        controlId: f.id,
        title: f.title,
        from: 'fail',
        to: 'fail',
        kind: 'changed-while-failing',
        settings,
      });
  }
  return out;
}
