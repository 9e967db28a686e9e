import type { FindingSeverity } from '@m365-mcp/graph-core';
import type { AuditRun, ControlResult } from '../audit/run.js';
import { defaultProduct, type ExportProduct } from './product.js';

// OCSF 1.1.0 Detection Finding (class_uid 2004, category "Findings" = 2), one event per failing or
// warning finding, for a SIEM. The enumerations below are the schema's: activity_id 1 = Create
// (a finding first reported by this run), severity_id 1..5 = Informational..Critical, status_id
// 1 = New. The recommendation goes to `remediation`, the evidence to `evidences[].data` (the
// class's place for evidence without a specific attribute), and what OCSF has no attribute for
// (benchmark section, level, licence profile) to `unmapped`. Every event applies the `cloud`
// profile (declared in metadata.profiles, which makes `cloud` required): a Microsoft 365 tenant is
// a cloud account. Checked against the class compiled from the official OCSF 1.1.0 source
// (test/export/fixtures/README.md).

export const OCSF_VERSION = '1.1.0';
const CLASS_UID = 2004;
const ACTIVITY_CREATE = 1;
const CLOUD_PROVIDER = 'Microsoft 365';

const severityId: Record<FindingSeverity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

export interface OcsfDetectionFinding {
  activity_id: number;
  activity_name: string;
  category_uid: 2;
  category_name: 'Findings';
  class_uid: 2004;
  class_name: 'Detection Finding';
  type_uid: number;
  type_name: string;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_code: string;
  time: number;
  message: string;
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    created_time: number;
    types: string[];
    src_url?: string;
  };
  resources: { uid: string; type: string; name?: string; group?: { name: string } }[];
  remediation: { desc: string; references?: string[] };
  evidences: { data: Record<string, unknown> }[];
  metadata: {
    version: string;
    profiles: ['cloud'];
    product: { name: string; vendor_name: string; version?: string };
    log_name: string;
    correlation_uid: string;
    uid: string;
  };
  cloud: { provider: string; account?: { uid: string; name?: string } };
  unmapped: { section: string; level?: string; profile?: string };
}

function toEvent(
  run: AuditRun,
  r: ControlResult,
  time: number,
  product: ExportProduct,
): OcsfDetectionFinding {
  const f = r.finding;
  const sev = severityId[f.severity];
  const url = f.references.find((ref) => ref.url)?.url;
  const references = [
    ...f.references.map((ref) => `${ref.framework} ${ref.id}${ref.version ? ` v${ref.version}` : ''}`),
    ...new Set(f.references.flatMap((ref) => (ref.url ? [ref.url] : []))),
  ];
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Detection Finding',
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: 'Detection Finding: Create',
    severity_id: sev.id,
    severity: sev.name,
    status_id: 1,
    status: 'New',
    status_code: f.status,
    time,
    message: `${f.id} ${f.status}: ${f.title}`,
    finding_info: {
      uid: `${run.id}:${f.id}:${f.resource.id}`,
      title: f.title,
      desc: f.reason ? `${f.reason} ${f.recommendation}` : f.recommendation,
      created_time: time,
      types: [f.references[0]?.framework ?? 'CIS', 'Compliance'],
      ...(url ? { src_url: url } : {}),
    },
    resources: [
      {
        uid: f.resource.id,
        type: f.resource.type,
        ...(f.resource.displayName ? { name: f.resource.displayName } : {}),
        group: { name: r.section },
      },
    ],
    remediation: {
      desc: f.recommendation || f.title,
      ...(references.length > 0 ? { references } : {}),
    },
    evidences: [{ data: f.evidence }],
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: {
        name: product.name,
        vendor_name: product.vendorName,
        ...(product.version ? { version: product.version } : {}),
      },
      log_name: `compliance run ${run.source}`,
      correlation_uid: run.id,
      uid: `${run.id}:${f.id}:${f.resource.id}`,
    },
    cloud: {
      provider: CLOUD_PROVIDER,
      ...(run.tenantId
        ? { account: { uid: run.tenantId, ...(run.tenantName ? { name: run.tenantName } : {}) } }
        : {}),
    },
    unmapped: {
      section: r.section,
      ...(r.level ? { level: r.level } : {}),
      ...(r.profile ? { profile: r.profile } : {}),
    },
  };
}

/** The failing and warning findings of a run as OCSF Detection Finding events. */
export function runToOcsf(run: AuditRun, product: ExportProduct = defaultProduct): OcsfDetectionFinding[] {
  const time = Date.parse(run.finishedAt) || Date.parse(run.startedAt) || 0;
  return run.results
    .filter((r) => r.finding.status === 'fail' || r.finding.status === 'warning')
    .map((r) => toEvent(run, r, time, product));
}

/** The OCSF events as a JSON array (the form most SIEM file collectors accept). */
export function exportRunOcsf(run: AuditRun, product: ExportProduct = defaultProduct): string {
  return `${JSON.stringify(runToOcsf(run, product), null, 2)}\n`;
}
