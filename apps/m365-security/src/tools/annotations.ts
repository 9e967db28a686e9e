import type { ToolAnnotations } from '@m365-mcp/mcp-kit';

/** Every read tool here only reads Defender data from Graph. */
export const readOnly: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
