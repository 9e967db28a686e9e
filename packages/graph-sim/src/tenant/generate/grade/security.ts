// Defender XDR data for the better posture grades: the demo's incidents handled and its Secure Score
// raised. Runs on the demo's data before the rebrand, so names still read Contoso's.
import { DEMO_ATTACK_INCIDENT_ID, DEMO_CONTROLS } from '../../demo/security.js';
import type { SecurityData } from '../../security.js';
import type { PostureGrade } from '../posture-grade.js';

/** The analyst a handled incident is assigned to (Contoso's, renamed with the tenant). */
const ANALYST = 'LeeG@contoso.com';

/** Today's Secure Score as a share of its maximum: a good tenant clears 80%, a warning one does not. */
const SCORE_SHARE: Record<Exclude<PostureGrade, 'critical'>, number> = { warning: 0.75, good: 0.88 };

export function gradeSecurity(
  security: SecurityData,
  grade: Exclude<PostureGrade, 'critical'>,
  now: Date,
): void {
  // Good: every incident closed. Warning: the high-severity ones (the attack on a Global
  // Administrator among them) closed, the medium and low ones left open and unassigned.
  const closed = new Set(
    security.incidents
      .filter((i) => grade === 'good' || i.severity === 'high' || i.id === DEMO_ATTACK_INCIDENT_ID)
      .map((i) => i.id),
  );
  const at = now.toISOString();
  for (const incident of security.incidents) {
    if (!closed.has(incident.id) || incident.status === 'resolved') continue;
    incident.status = 'resolved';
    incident.assignedTo ??= ANALYST;
    if (incident.classification === 'unknown') {
      incident.classification = 'truePositive';
      incident.determination = 'multiStagedAttack';
    }
    incident.resolvingComment = 'Contained and remediated; credentials reset and sessions revoked.';
    incident.lastUpdateDateTime = at;
  }
  for (const alert of security.alerts) {
    if (!closed.has(alert.incidentId) || alert.status === 'resolved') continue;
    alert.status = 'resolved';
    alert.assignedTo ??= ANALYST;
    if (alert.classification === null || alert.classification === 'unknown') {
      alert.classification = 'truePositive';
      alert.determination = 'multiStagedAttack';
    }
    alert.resolvedDateTime = at;
    alert.lastUpdateDateTime = at;
  }
  raiseSecureScore(security, SCORE_SHARE[grade]);
}

/**
 * Every day's score raised towards `share` of the maximum, climbing a little towards today (so the
 * trend is not a decline): each control gains in proportion to the points it still lacks, and the
 * day's score is the sum of its controls, as in the demo.
 */
function raiseSecureScore(security: SecurityData, share: number): void {
  const maxOf = new Map(DEMO_CONTROLS.map((c) => [c.id, c.maxScore]));
  security.secureScores.forEach((day, daysAgo) => {
    const target = Math.round(day.maxScore * share) - Math.floor(daysAgo / 3);
    const missing = day.maxScore - day.currentScore;
    if (missing <= 0 || target <= day.currentScore) return;
    const k = (target - day.currentScore) / missing;
    let total = 0;
    for (const control of day.controlScores) {
      const max = maxOf.get(control.controlName) ?? control.score;
      const score = Math.round(control.score + (max - control.score) * k);
      control.score = score;
      control.scoreInPercentage = max > 0 ? Math.round((score / max) * 10_000) / 100 : 0;
      total += score;
    }
    day.currentScore = total;
  });
}
