// Public API of @m365-mcp/cis-bridge: the control catalogue and its evaluation over Graph, the
// importers of existing audit reports, the PowerShell runner, the run store, drift and exporters.

// The finding model and the assessment contract, defined in graph-core: re-exported for clients
// that read reports without depending on graph-core (m365-posture).
export {
  assessmentMetaKey,
  compareFindingSeverity,
  type Finding,
  type FindingEvidenceValue,
  type FindingReference,
  type FindingSeverity,
  type FindingStatus,
  findingFrameworks,
  findingSchema,
  findingSeverities,
  findingStatuses,
  type PostureStatus,
  postureStatuses,
} from '@m365-mcp/graph-core';
export {
  type CoverageCounts,
  coverageLine,
  coverageOf,
  type RunCoverage,
} from './audit/coverage.js';
export { licenceNames, licencesFrom } from './audit/licences.js';
export type {
  AuditRun,
  ControlResult,
  Level,
  Profile,
  RunSource,
  SecureScorePoint,
  SecureScoreSummary,
} from './audit/run.js';
export { runSources } from './audit/run.js';
export { type RunAuditOptions, runAudit } from './audit/run-audit.js';
export { type RunSummary, summarizeRun } from './audit/summary.js';
export { type ControlFilter, catalogue, isGraphControl, selectControls } from './controls/catalogue.js';
export {
  CIS_V6_SOURCE,
  type CisRecommendation,
  cisControlId,
  cisV6Recommendations,
} from './controls/cis-v6.js';
export {
  type BenchmarkCoverage,
  type ChapterCoverage,
  CIS_CHAPTERS,
  cisV6Coverage,
  coverageTable,
} from './controls/coverage.js';
export { checkDkim, checkDmarc, checkSpf, isMicrosoftDkimTarget } from './controls/mail-dns.js';
export { type Licence, type ResourceKey, type ResourceSpec, resources } from './controls/resources.js';
export type {
  AuditExceptions,
  Control,
  DnsAnswer,
  DnsQuery,
  EvaluationContext,
  GraphControl,
  ManualControl,
  Outcome,
  ReadWith,
} from './controls/types.js';
export { CIS_VERSION } from './controls/types.js';
export {
  compareRuns,
  type DriftReport,
  type SettingChange,
  type StatusChange,
} from './drift/compare-runs.js';
export {
  type BarChartRow,
  escapeHtml,
  htmlEvidenceList,
  type LineChartOptions,
  type LineChartPoint,
  severityColours,
  svgBarChart,
  svgLineChart,
} from './export/html-parts.js';
export {
  csvColumns,
  type ExportProduct,
  exportRunCsv,
  exportRunHtml,
  exportRunOcsf,
  exportRunSarif,
  OCSF_VERSION,
  type OcsfDetectionFinding,
  runToOcsf,
  runToSarif,
  SARIF_SCHEMA,
  type SarifLog,
} from './export/index.js';
export { importCisAuditJson } from './importers/cis-audit-json.js';
export {
  type ComparedControl,
  compareSources,
  evaluatedSources,
  isEvaluatedRun,
  type SourceComparison,
  sameTenant,
} from './importers/compare-sources.js';
export { detectFormat, importReport, type ReportFormat, reportFormats } from './importers/detect.js';
export { ReportImportError } from './importers/import-error.js';
export { importMaester } from './importers/maester.js';
export { importScubaGear } from './importers/scubagear.js';
export { exportRunJson, exportRunMarkdown } from './report/export.js';
export {
  type PowerShellAuditConfig,
  PowerShellRunError,
  runPowerShellAudit,
} from './runner/powershell-runner.js';
export type {
  RunQuery,
  RunRepository,
  SaveRunOptions,
  SaveRunOutcome,
  StoredRunInfo,
} from './store/run-repository.js';
export { RunStore, type RunStoreSaveOptions } from './store/run-store.js';
export { SqliteRunRepository, type SqliteRunRepositoryOptions } from './store/sqlite-run-repository.js';
