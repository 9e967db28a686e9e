// The report exporters: pure functions of an AuditRun, one file a format.
export { csvColumns, exportRunCsv } from './csv.js';
export { exportRunHtml } from './html.js';
export { exportRunOcsf, OCSF_VERSION, type OcsfDetectionFinding, runToOcsf } from './ocsf.js';
export { defaultProduct, type ExportProduct } from './product.js';
export { exportRunSarif, runToSarif, SARIF_SCHEMA, type SarifLog } from './sarif.js';
