// Secure Score arithmetic: the current percentage, the trend over the history read, the comparison
// with similar tenants, and the improvement actions with the biggest point gaps.
import type { ControlProfile, SecureScore } from '../graph/schemas.js';

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

export interface ScoreTrend {
  days: number;
  from: { date: string; score: number; percentage: number };
  to: { date: string; score: number; percentage: number };
  changePoints: number;
  changePercentagePoints: number;
  direction: 'improving' | 'declining' | 'flat';
  lowest: number;
  highest: number;
  /** About a dozen evenly spaced points, oldest first, for a sparkline. */
  series: { date: string; score: number }[];
}

const day = (iso: string) => iso.slice(0, 10);

/** `history` newest first, as read. */
export function scoreTrend(history: readonly SecureScore[]): ScoreTrend | undefined {
  const latest = history[0];
  const oldest = history.at(-1);
  if (!latest || !oldest) return undefined;
  const change = Math.round((latest.currentScore - oldest.currentScore) * 100) / 100;
  const changePct =
    Math.round(
      (percent(latest.currentScore, latest.maxScore) - percent(oldest.currentScore, oldest.maxScore)) * 10,
    ) / 10;
  const scores = history.map((s) => s.currentScore);
  const oldestFirst = [...history].reverse();
  const step = Math.max(1, Math.ceil(oldestFirst.length / 12));
  const series = oldestFirst
    .filter((_, i) => i % step === 0 || i === oldestFirst.length - 1)
    .map((s) => ({ date: day(s.createdDateTime), score: s.currentScore }));
  return {
    days: history.length,
    from: {
      date: day(oldest.createdDateTime),
      score: oldest.currentScore,
      percentage: percent(oldest.currentScore, oldest.maxScore),
    },
    to: {
      date: day(latest.createdDateTime),
      score: latest.currentScore,
      percentage: percent(latest.currentScore, latest.maxScore),
    },
    changePoints: change,
    changePercentagePoints: changePct,
    // Less than half a percentage point either way is noise (new users, a re-synced control).
    direction: changePct >= 0.5 ? 'improving' : changePct <= -0.5 ? 'declining' : 'flat',
    lowest: Math.min(...scores),
    highest: Math.max(...scores),
    series,
  };
}

export interface Comparison {
  basis: string;
  averageScore: number;
  averagePercentage: number;
  /** Our score minus theirs, in points. */
  difference: number;
}

export function comparisons(latest: SecureScore): Comparison[] {
  return (latest.averageComparativeScores ?? []).map((c) => ({
    basis: c.basis,
    averageScore: Math.round(c.averageScore * 100) / 100,
    averagePercentage: percent(c.averageScore, latest.maxScore),
    difference: Math.round((latest.currentScore - c.averageScore) * 100) / 100,
  }));
}

export interface ImprovementAction {
  controlId: string;
  title: string;
  category: string | null;
  service: string | null;
  earned: number;
  maxScore: number;
  gap: number;
  implementationStatus: string | null;
  userImpact: string | null;
  implementationCost: string | null;
  remediation: string | null;
  actionUrl: string | null;
}

export interface ImprovementActions {
  actions: ImprovementAction[];
  /** Controls left out because they are deprecated or marked Ignored / ThirdParty by an admin. */
  excluded: { controlId: string; why: string }[];
}

function adminState(profile: ControlProfile): string | undefined {
  const updates = [...(profile.controlStateUpdates ?? [])].sort((a, b) =>
    (b.updatedDateTime ?? '').localeCompare(a.updatedDateTime ?? ''),
  );
  const state = updates[0]?.state;
  return state === 'Ignored' || state === 'ThirdParty' ? state : undefined;
}

/** Every control with points still to earn, biggest gap first (Microsoft's rank breaks ties). */
export function improvementActions(
  latest: SecureScore,
  profiles: readonly ControlProfile[],
): ImprovementActions {
  const scores = new Map((latest.controlScores ?? []).map((c) => [c.controlName.toLowerCase(), c]));
  const actions: ImprovementAction[] = [];
  const excluded: ImprovementActions['excluded'] = [];
  for (const profile of profiles) {
    const control = scores.get(profile.id.toLowerCase());
    const earned = control?.score ?? 0;
    const gap = Math.round((profile.maxScore - earned) * 100) / 100;
    if (gap <= 0) continue;
    if (profile.deprecated) {
      excluded.push({ controlId: profile.id, why: 'deprecated' });
      continue;
    }
    const state = adminState(profile);
    if (state) {
      excluded.push({ controlId: profile.id, why: `marked ${state} by an admin` });
      continue;
    }
    actions.push({
      controlId: profile.id,
      title: profile.title,
      category: profile.controlCategory ?? control?.controlCategory ?? null,
      service: profile.service ?? null,
      earned,
      maxScore: profile.maxScore,
      gap,
      implementationStatus: control?.implementationStatus ?? null,
      userImpact: profile.userImpact ?? null,
      implementationCost: profile.implementationCost ?? null,
      remediation: profile.remediation ?? null,
      actionUrl: profile.actionUrl ?? null,
    });
  }
  actions.sort((a, b) => b.gap - a.gap || rankOf(profiles, a) - rankOf(profiles, b));
  return { actions, excluded };
}

function rankOf(profiles: readonly ControlProfile[], action: ImprovementAction): number {
  return profiles.find((p) => p.id === action.controlId)?.rank ?? Number.MAX_SAFE_INTEGER;
}
