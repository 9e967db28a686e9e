// Ninety days of Contoso's Secure Score, newest first. Today 412 of 697 (59%); thirty days ago 428,
// and steady around there before: the score has been slipping a little as new users arrived
// without registering for MFA, so the loss is carried by MFARegistrationV2.
import type { ControlScore, SecureScore } from '../../security.js';
import { DEMO_CONTROLS, VENDOR } from './control-profiles.js';

export const DEMO_SECURE_SCORE_DAYS = 90;

/** Contoso's score `daysAgo` days ago. */
export function demoScoreOn(daysAgo: number): number {
  if (daysAgo <= 30) return 412 + Math.round((16 * daysAgo) / 30);
  return daysAgo > 60 ? 430 : 428;
}

function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function demoSecureScores(tenantId: string, now: Date): SecureScore[] {
  const maxScore = DEMO_CONTROLS.reduce((n, c) => n + c.maxScore, 0);
  const scores: SecureScore[] = [];
  for (let daysAgo = 0; daysAgo < DEMO_SECURE_SCORE_DAYS; daysAgo++) {
    const day = new Date(now.getTime() - daysAgo * 86_400_000);
    const created = `${dateOnly(day)}T03:12:44Z`;
    const currentScore = demoScoreOn(daysAgo);
    const extra = currentScore - 412;
    const controlScores: ControlScore[] = DEMO_CONTROLS.map((c) => {
      const score = c.id === 'MFARegistrationV2' ? c.earned + extra : c.earned;
      return {
        controlCategory: c.category,
        controlName: c.id,
        description: c.description,
        score,
        scoreInPercentage: Math.round((score / c.maxScore) * 10_000) / 100,
        implementationStatus: c.implementationStatus,
        lastSynced: created,
      };
    });
    scores.push({
      id: `${tenantId}_${dateOnly(day)}`,
      azureTenantId: tenantId,
      activeUserCount: 21,
      createdDateTime: created,
      currentScore,
      maxScore,
      licensedUserCount: 25,
      enabledServices: ['HasExchange', 'HasSharePoint', 'HasOD4B', 'HasTeams', 'HasMDE', 'HasMDO'],
      averageComparativeScores: [
        { basis: 'AllTenants', averageScore: 448.21 },
        { basis: 'TotalSeats', averageScore: 436.87 },
        { basis: 'IndustryTypes', averageScore: 471.5 },
      ],
      controlScores,
      vendorInformation: VENDOR,
    });
  }
  return scores;
}
