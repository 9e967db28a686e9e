// Public API of @m365-mcp/mcp-kit: the tool kit that makes every m365-mcp server thin (defining
// tools, prompts, write tools and findings, and the MCP server made of them). The command line is
// `@m365-mcp/mcp-kit/cli`, the HTTP server `/http`, the demo tenant `/demo` and the test helpers
// `/testing`, so a server's tools never load the HTTP server or the simulator.

// The finding model is defined once, in graph-core (every package that reports findings depends on
// it); named here so that a server's tools need only the kit.
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
} from '@m365-mcp/graph-core';
export {
  definePrompt,
  type PromptDefinition,
  type PromptMessageText,
  type PromptSpec,
} from './prompts/define-prompt.js';
export { createServer } from './server/create-server.js';
export type { StderrWrite } from './server/logger.js';
export type { LazyServer, ServerCard, ServerSource } from './server/server-card.js';
export type { AnyToolDefinition, DemoFacts, ServerDefinition } from './server/server-definition.js';
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
  readOnlyAnnotations,
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
export type { LogLevel, ToolContext, ToolLogger, ToolTenant } from './tools/tool-context.js';
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
