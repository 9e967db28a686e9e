// The posture a generated tenant is built to show, drawn from its seed, so that a portfolio of
// generated tenants has a spread of statuses instead of every tenant carrying the demo's plants:
// - critical: the demo's planted problems as they are (a risky Global Administrator, a privileged
//   guest, an admin without MFA, an unassigned high-severity incident, anyone links that edit ...);
// - warning: every critical plant fixed, a few moderate gaps left (a Secure Score in the 70s,
//   unassigned medium incidents, expiring view-only anyone links, stale accounts, a weak DMARC);
// - good: hardened throughout, nothing for an assessment to report above low severity.
import { seededRandom } from './seeded-random.js';

export const POSTURE_GRADES = ['critical', 'warning', 'good'] as const;
export type PostureGrade = (typeof POSTURE_GRADES)[number];

const WHOLE_NUMBER = /^-?\d+$/;

/**
 * A whole-number seed takes the grades in turn (1 critical, 2 warning, 3 good, 4 critical, ...), so
 * any three consecutive seeds, such as a demo portfolio's 1, 2 and 3, show all three; any other seed
 * draws its grade from a hash of its text. `3` and `'3'` are the same seed, as for the rest of the
 * tenant.
 */
export function postureGradeOf(seed: string | number): PostureGrade {
  const text = String(seed);
  const index = WHOLE_NUMBER.test(text)
    ? Number((((BigInt(text) - 1n) % 3n) + 3n) % 3n)
    : Math.floor(seededRandom(`posture-grade/${text}`)() * POSTURE_GRADES.length);
  return POSTURE_GRADES[index] ?? 'critical';
}
