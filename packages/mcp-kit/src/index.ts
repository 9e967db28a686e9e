// Public API of @m365-mcp/mcp-kit: what makes every m365-mcp server thin.

export { type DemoTenant, rolesFor, startDemoTenant } from './cli/demo-tenant.js';
export { type GraphConnection, graphFromEnvironment } from './cli/graph-from-environment.js';
export { openServerAuditLog } from './cli/open-server-audit-log.js';
export { type RunServerCliOptions, runServerCli } from './cli/run-server-cli.js';
export { type LoadConfigOptions, loadConfig, ServerConfigError } from './config/load-config.js';
export {
  type ConfigFile,
  type ConfigFlags,
  configFileSchema,
  type ServerConfig,
  serverConfigSchema,
} from './config/server-config.js';
export {
  compareFindingSeverity,
  type Finding,
  type FindingReference,
  type FindingResource,
  type FindingSeverity,
  type FindingStatus,
  findingFrameworks,
  findingReferenceSchema,
  findingResourceSchema,
  findingSchema,
  findingSeverities,
  findingSeveritySchema,
  findingStatuses,
  findingStatusSchema,
} from './findings/finding.js';
export { tokenFingerprint } from './http/bearer-token.js';
export {
  type HttpAuth,
  type HttpServerOptions,
  type RunningHttpServer,
  startHttpServer,
} from './http/start-http-server.js';
export { systemTimers, type Timers } from './http/timers.js';
export {
  definePrompt,
  type PromptDefinition,
  type PromptMessageText,
  type PromptSpec,
} from './prompts/define-prompt.js';
export { createServer } from './server/create-server.js';
export type { StderrWrite } from './server/logger.js';
export type { AnyToolDefinition, ServerDefinition } from './server/server-definition.js';
export type { AuditSink, ServerDeps } from './server/server-runtime.js';
export {
  assessmentMetaKey,
  assessmentShape,
  type PostureStatus,
  postureStatuses,
  postureStatusSchema,
} from './tools/assessment.js';
export { cursorSchema, decodeCursor, encodeCursor, limitSchema, paginate } from './tools/cursor.js';
export {
  defineTool,
  type ToolAnnotations,
  type ToolAnswer,
  type ToolDefinition,
  type ToolSpec,
} from './tools/define-tool.js';
export { describeError, type ErrorDescription } from './tools/error-result.js';
export { envelopeMaxStringLength, envelopeText } from './tools/tenant-envelope.js';
export {
  defaultTenantTextMaxLength,
  quoteArgument,
  sanitizeTenantText,
  untrustedDataMetaKey,
  untrustedDataNotice,
  visibleCodePoint,
} from './tools/tenant-text.js';
export type { LogLevel, ToolContext, ToolLogger } from './tools/tool-context.js';
export { ToolInputError } from './tools/tool-input-error.js';
export {
  applyWriteUnattended,
  type UnattendedWriteOptions,
  type UnattendedWriteResult,
} from './writes/apply-unattended.js';
export {
  defineWriteTool,
  type WriteToolDefinition,
  type WriteToolSpec,
} from './writes/define-write-tool.js';
export {
  type AccountRef,
  globalAdministratorRoleId,
  isBreakGlassAccount,
  refuseIfBreakGlass,
  refuseIfLastGlobalAdmin,
} from './writes/guardrails.js';
export {
  GuardrailRefusal,
  type PlannedRequest,
  plannedRequestSchema,
  refuse,
  type WritePlan,
  type WriteTarget,
  writeMethods,
  writePlanSchema,
  writeTargetSchema,
} from './writes/write-plan.js';
export {
  type WriteResult,
  writeResultSchema,
  writeResultShape,
  writeStatuses,
} from './writes/write-result.js';
