import { describe, expect, it } from 'vitest';
import { assessmentSchema } from '../src/assessment.js';
import { buildReport } from '../src/report.js';

// The assessment contract's optional `trends`, read leniently: a good series is kept, a malformed
// one is dropped alone, and an assessment without trends (an older server) parses as before.

const base = { status: 'warning', statusRule: 'WARNING when the score is under 70%.' };
const secureScore = {
  name: 'Secure Score',
  unit: 'points',
  max: 697,
  points: [
    { date: '2026-11-24', value: 413 },
    { date: '2026-11-25', value: 412 },
  ],
};

describe('trends in an assessment', () => {
  it('are absent when the server sends none, as from a server older than the field', () => {
    expect(assessmentSchema.parse(base).trends).toBeUndefined();
  });

  it('keep a well-formed series; fields a newer server adds are not read', () => {
    const parsed = assessmentSchema.parse({ ...base, trends: [{ ...secureScore, colour: 'red' }] });
    expect(parsed.trends).toEqual([secureScore]);
  });

  it('drop a malformed series alone, and never fail the assessment', () => {
    const parsed = assessmentSchema.parse({
      ...base,
      trends: [
        secureScore,
        { name: 'No points' },
        { name: '', points: [] },
        { name: 'Strings', points: [{ date: '2026-11-25', value: '412' }] },
        { name: 'Too long', points: Array.from({ length: 401 }, () => ({ date: '2026-11-25', value: 1 })) },
        'not a trend',
        { name: 'Odd unit and max', unit: 7, max: 'all', points: [] },
      ],
    });
    expect(parsed.trends?.map((t) => t.name)).toEqual(['Secure Score', 'Odd unit and max']);
    expect(parsed.trends?.[1]).toEqual({ name: 'Odd unit and max', points: [] });
    expect(assessmentSchema.parse({ ...base, trends: 'daily' }).trends).toBeUndefined();
    expect(assessmentSchema.parse({ ...base, trends: null }).trends).toBeUndefined();
  });
});

describe('trends in the report', () => {
  it('are collected from every assessed server, named by the server', () => {
    const report = buildReport({
      tenant: 'Contoso',
      missingServers: [],
      outcomes: [
        {
          server: 'm365-security',
          state: 'assessed',
          tools: ['assess_security_posture'],
          assessments: [
            {
              tool: 'assess_security_posture',
              assessment: assessmentSchema.parse({ ...base, trends: [secureScore] }),
            },
          ],
        },
        {
          server: 'm365-identity',
          state: 'assessed',
          tools: ['assess_identity_posture'],
          assessments: [{ tool: 'assess_identity_posture', assessment: assessmentSchema.parse(base) }],
        },
        { server: 'm365-sharepoint', state: 'failed', error: 'did not start' },
      ],
    });
    expect(report.trends).toEqual([{ ...secureScore, server: 'm365-security' }]);
  });
});
