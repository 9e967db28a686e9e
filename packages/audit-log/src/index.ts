// Public API of @m365-mcp/audit-log.

export type { AppendLockOptions } from './append-lock.js';
export {
  AUDIT_MAC_SCHEME,
  AuditKey,
  createAuditKeyFile,
  loadAuditKeyFile,
  loadOrCreateAuditKeyFile,
  MIN_AUDIT_KEY_LENGTH,
} from './audit-key.js';
export { AuditLog, type AuditLogOptions, openAuditLog } from './audit-log.js';
export { osCaller } from './caller.js';
export type { JsonValue } from './canonical-json.js';
export {
  type AuditCheckpoint,
  auditCheckpointSchema,
  defaultCheckpointPath,
  readCheckpoint,
} from './checkpoint.js';
export { type CheckpointShipper, fileCheckpointShipper } from './checkpoint-shipper.js';
export { type CliOutput, runAuditCli } from './cli.js';
export { AuditLogError } from './errors.js';
export {
  AUDIT_OUTCOMES,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditRecord,
  auditRecordSchema,
  GENESIS_HASH,
} from './record.js';
export { defaultRedactor, Redactor, redact, registerSecret } from './redact.js';
export { REDACTED } from './secret-shapes.js';
export { type AuditVerification, type VerifyOptions, verifyAuditLog } from './verify.js';
