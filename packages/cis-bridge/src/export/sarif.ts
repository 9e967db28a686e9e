import type { Finding } from '@m365-mcp/graph-core';
import type { AuditRun, ControlResult } from '../audit/run.js';
import { defaultProduct, type ExportProduct } from './product.js';

// SARIF 2.1.0 (OASIS): one run whose tool.driver.rules are the run's controls and whose results are
// its failing and warning findings. A tenant setting has no file, so each result is located by a
// logical location (kind "resource") naming the Microsoft 365 object. Passing, manual and skipped
// controls stay rules without results: SARIF has no way to say "skipped" that viewers show, and a
// skipped control must never read as a pass or a fail. Checked against the official OASIS schema
// (test/export/fixtures/README.md).

// The OASIS schema's own URI (2.1.0 Errata 01), the one the export is tested against (3.13.3: $schema
// names the schema the log validates against).
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

function levelOf(f: Finding): Level {
  if (f.severity === 'critical' || f.severity === 'high') return f.status === 'fail' ? 'error' : 'warning';
  if (f.severity === 'medium') return 'warning';
  return 'note';
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifRun {
  tool: {
    driver: {
      name: string;
      organization: string;
      version?: string;
      rules: {
        id: string;
        name: string;
        shortDescription: { text: string };
        fullDescription: { text: string };
        help: { text: string };
        helpUri?: string;
        defaultConfiguration: { level: Level };
        properties: { section: string; severity: string; tags: string[] };
      }[];
    };
  };
  automationDetails: { id: string; description: { text: string } };
  invocations: { executionSuccessful: boolean; startTimeUtc: string; endTimeUtc: string }[];
  results: {
    ruleId: string;
    ruleIndex: number;
    kind: 'fail';
    level: Level;
    message: { text: string };
    locations: {
      logicalLocations: { name: string; fullyQualifiedName: string; kind: 'resource' }[];
    }[];
    partialFingerprints: { 'controlResource/v1': string };
    properties: { status: string; severity: string; evidence: Record<string, unknown> };
  }[];
}

const isFailing = (r: ControlResult) => r.finding.status === 'fail' || r.finding.status === 'warning';

export function runToSarif(run: AuditRun, product: ExportProduct = defaultProduct): SarifLog {
  const ruleIndex = new Map<string, number>();
  const rules: SarifRun['tool']['driver']['rules'] = [];
  for (const r of run.results) {
    const f = r.finding;
    if (ruleIndex.has(f.id)) continue;
    ruleIndex.set(f.id, rules.length);
    const url = f.references.find((ref) => ref.url)?.url;
    rules.push({
      id: f.id,
      name: f.id.replace(/[^A-Za-z0-9]+/g, ''),
      shortDescription: { text: f.title },
      fullDescription: { text: f.title },
      help: { text: f.recommendation || f.title },
      ...(url ? { helpUri: url } : {}),
      defaultConfiguration: { level: levelOf({ ...f, status: 'fail' }) },
      properties: {
        section: r.section,
        severity: f.severity,
        tags: [
          ...f.references.map((ref) => `${ref.framework}:${ref.id}`),
          ...(r.level ? [r.level] : []),
          ...(r.profile ? [r.profile] : []),
        ],
      },
    });
  }
  const results = run.results.filter(isFailing).map((r) => {
    const f = r.finding;
    const name = f.resource.displayName ?? f.resource.id;
    return {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id) ?? 0,
      kind: 'fail' as const,
      level: levelOf(f),
      message: { text: f.reason ? `${f.title}: ${f.reason}` : f.title },
      locations: [
        {
          logicalLocations: [
            { name, fullyQualifiedName: `${f.resource.type}/${f.resource.id}`, kind: 'resource' as const },
          ],
        },
      ],
      partialFingerprints: { 'controlResource/v1': `${f.id}|${f.resource.type}|${f.resource.id}` },
      properties: { status: f.status, severity: f.severity, evidence: f.evidence },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: product.name,
            organization: product.vendorName,
            ...(product.version ? { version: product.version } : {}),
            rules,
          },
        },
        automationDetails: {
          id: `m365-compliance/${run.source}/${run.id}`,
          description: { text: run.label ?? `Compliance run ${run.id} (${run.source})` },
        },
        invocations: [{ executionSuccessful: true, startTimeUtc: run.startedAt, endTimeUtc: run.finishedAt }],
        results,
      },
    ],
  };
}

export function exportRunSarif(run: AuditRun, product: ExportProduct = defaultProduct): string {
  return `${JSON.stringify(runToSarif(run, product), null, 2)}\n`;
}
