// Tenant results for the portfolio's pure tests: a report built the way a run builds it, from
// server outcomes with the given failing findings.
import type { FindingSeverity } from '@m365-mcp/cis-bridge';
import type { PostureStatus } from '../src/assessment.js';
import type { TenantResult } from '../src/portfolio/portfolio-report.js';
import { buildReport } from '../src/report.js';

export interface PlantedFinding {
  id: string;
  title: string;
  severity: FindingSeverity;
}

export function tenantResult(input: {
  name: string;
  tenantId: string;
  displayName?: string;
  status?: PostureStatus;
  findings?: PlantedFinding[];
  notAssessedReason?: string;
}): TenantResult {
  const outcomes =
    input.notAssessedReason !== undefined
      ? [{ server: 'm365-security', state: 'failed' as const, error: input.notAssessedReason }]
      : [
          {
            server: 'm365-security',
            state: 'assessed' as const,
            tools: ['assess'],
            assessments: [
              {
                tool: 'assess',
                assessment: {
                  status: input.status ?? 'ok',
                  statusRule: 'rule',
                  nextActions: [],
                  findings: (input.findings ?? []).map((f) => ({ ...f, status: 'fail' })),
                },
              },
            ],
          },
        ];
  return {
    name: input.name,
    tenantId: input.tenantId,
    displayName: input.displayName ?? input.name,
    report: buildReport({ tenant: input.displayName ?? input.name, outcomes, missingServers: [] }),
    ...(input.notAssessedReason !== undefined ? { notAssessedReason: input.notAssessedReason } : {}),
  };
}

export const ids = {
  a: '00000000-0000-4000-8000-00000000000a',
  b: '00000000-0000-4000-8000-00000000000b',
  c: '00000000-0000-4000-8000-00000000000c',
  d: '00000000-0000-4000-8000-00000000000d',
};
