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
  /**
   * Settings the server needs to run against the demo tenant (for instance the simulator's DNS
   * server for the demo's domains); with --demo they are the defaults under the configured settings.
   */
  demoSettings?(demo: DemoFacts): Record<string, unknown>;
}

/** What a server may need to know of the demo tenant it runs against (not the simulator itself). */
export interface DemoFacts {
  /** The simulator's DNS server (`ip:port`), which answers for the demo tenant's domains. */
  dnsServer: string;
}
