import { defineTool, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { comparisons, improvementActions, percent, scoreTrend } from '../analysis/score.js';
import { readControlProfiles, readSecureScores } from '../graph/read-security.js';
import { failure } from './support/failure.js';

export const getSecurityScoreOutput = {
  currentScore: z.number(),
  maxScore: z.number(),
  percentage: z.number().describe('currentScore / maxScore, in percent'),
  asOf: z.string().describe('When Microsoft computed the latest daily score'),
  trend: z
    .object({
      days: z.number().int(),
      from: z.object({ date: z.string(), score: z.number(), percentage: z.number() }),
      to: z.object({ date: z.string(), score: z.number(), percentage: z.number() }),
      changePoints: z.number(),
      changePercentagePoints: z.number(),
      direction: z.enum(['improving', 'declining', 'flat']),
      lowest: z.number(),
      highest: z.number(),
      series: z.array(z.object({ date: z.string(), score: z.number() })),
    })
    .optional(),
  comparisons: z
    .array(
      z.object({
        basis: z.string().describe('AllTenants, TotalSeats (similar size) or IndustryTypes'),
        averageScore: z.number(),
        averagePercentage: z.number(),
        difference: z.number().describe('Our score minus the average, in points'),
      }),
    )
    .describe('Microsoft’s averages for comparable tenants'),
  improvementActions: z.array(
    z.object({
      controlId: z.string(),
      title: z.string(),
      category: z.string().nullable(),
      service: z.string().nullable(),
      earned: z.number(),
      maxScore: z.number(),
      gap: z.number().describe('Points still to gain'),
      implementationStatus: z.string().nullable(),
      userImpact: z.string().nullable(),
      implementationCost: z.string().nullable(),
      remediation: z.string().nullable(),
      actionUrl: z.string().nullable(),
    }),
  ),
  totalGapPoints: z.number().describe('Points still available across every open improvement action'),
  excludedControls: z.array(z.object({ controlId: z.string(), why: z.string() })),
  complete: z.boolean().describe('False when part of the data could not be read; see notice'),
  notice: z.string().optional(),
};

export const getSecurityScore = defineTool({
  name: 'get_security_score',
  title: 'Get Microsoft Secure Score',
  description:
    'Answers "what is our Secure Score and how do we raise it?": the current score, maximum and percentage, the trend over the last `days` days, the comparison with similar tenants, and the top improvement actions (the biggest gaps between earned and possible points, with what to do and the user impact). Two Graph reads (score history and control profiles); cheap.',
  input: {
    days: z.number().int().min(1).max(90).default(30).describe('Trend window in days (1-90, default 30)'),
    top: z
      .number()
      .int()
      .min(1)
      .max(25)
      .default(5)
      .describe('How many improvement actions to return (default 5)'),
  },
  output: getSecurityScoreOutput,
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ days, top }, ctx) {
    // Both reads go to the secure score API, which allows 4 concurrent requests per tenant;
    // graph-core's security lane enforces that.
    const [history, profiles] = await Promise.all([
      readSecureScores(ctx.graph, days),
      readControlProfiles(ctx.graph).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    ]);
    const latest = history.items[0];
    if (!latest) {
      return {
        structured: {
          currentScore: 0,
          maxScore: 0,
          percentage: 0,
          asOf: '',
          comparisons: [],
          improvementActions: [],
          totalGapPoints: 0,
          excludedControls: [],
          complete: false,
          notice:
            'Microsoft returned no Secure Score yet (new tenants get their first score within 48 hours).',
        },
        summary: 'No Secure Score is available yet for this tenant.',
      };
    }
    const notices: string[] = [];
    if (!history.complete) notices.push(`only ${history.items.length} days of history could be read`);
    let actions: ReturnType<typeof improvementActions> = { actions: [], excluded: [] };
    if (profiles.ok) {
      actions = improvementActions(latest, profiles.value.items);
      if (!profiles.value.complete) notices.push('not every control profile could be read');
    } else {
      const why = failure(profiles.error, ctx.server).reason;
      notices.push(`improvement actions are missing: the control profiles could not be read. ${why}`);
    }
    const trend = scoreTrend(history.items);
    const pct = percent(latest.currentScore, latest.maxScore);
    const shown = actions.actions.slice(0, top).map((a) => ({
      ...a,
      title: ctx.tenantText(a.title),
      implementationStatus: a.implementationStatus ? ctx.tenantText(a.implementationStatus) : null,
      remediation: a.remediation ? ctx.tenantText(a.remediation, 600) : null,
    }));
    const totalGap = Math.round(actions.actions.reduce((n, a) => n + a.gap, 0) * 100) / 100;
    const similar = comparisons(latest);
    const peer = similar.find((c) => c.basis === 'TotalSeats') ?? similar[0];
    const lines = [
      `Secure Score ${latest.currentScore} of ${latest.maxScore} (${pct}%) as of ${latest.createdDateTime.slice(0, 10)}.`,
      trend
        ? `Over ${trend.days} days: ${trend.direction} (${trend.changePoints >= 0 ? '+' : ''}${trend.changePoints} points, ${trend.from.score} → ${trend.to.score}).`
        : '',
      peer
        ? `${peer.basis} average ${peer.averageScore} (${peer.difference >= 0 ? '+' : ''}${peer.difference} points vs ours).`
        : '',
      shown.length > 0
        ? `Top actions: ${shown.map((a) => `${a.controlId} +${a.gap}`).join(', ')} (${totalGap} points open in total).`
        : 'No open improvement actions.',
      notices.length > 0 ? `PARTIAL: ${notices.join('; ')}.` : '',
    ];
    return {
      structured: {
        currentScore: latest.currentScore,
        maxScore: latest.maxScore,
        percentage: pct,
        asOf: latest.createdDateTime,
        ...(trend ? { trend } : {}),
        comparisons: similar,
        improvementActions: shown,
        totalGapPoints: totalGap,
        excludedControls: actions.excluded,
        complete: notices.length === 0,
        ...(notices.length > 0 ? { notice: `Partial result: ${notices.join('; ')}.` } : {}),
      },
      summary: lines.filter(Boolean).join('\n'),
    };
  },
});
