import type { PermissionManifest } from '@m365-mcp/auth';
import type { PromptDefinition } from '../prompts/define-prompt.js';
import type { ToolDefinition } from '../tools/define-tool.js';
import type { WriteToolDefinition } from '../writes/define-write-tool.js';

export type AnyToolDefinition = ToolDefinition | WriteToolDefinition;

export interface ServerDefinition {
  /** Package and bin name, e.g. `m365-security`. */
  name: string;
  title: string;
  version: string;
  /** For the model: what the server is for and how its tools fit together. */
  instructions: string;
  permissions: PermissionManifest;
  /** Read tools and write tools; write tools exist only when writes are allowed. */
  tools: AnyToolDefinition[];
  prompts?: PromptDefinition[];
}
