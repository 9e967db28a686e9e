// The part of the SDK's McpServer the kit's tools register with. The kit's tool definitions keep
// their inputs as zod shapes (objects of zod schemas); SDK v2 wants a schema (`z.object(...)`) and
// types raw shapes narrowly (classic zod only), so every shape is wrapped here, in one place, and
// the tool registrations (read tools, write tools) stay as they were.
import type { McpServer, ToolAnnotations } from '@modelcontextprotocol/server';
import { z } from 'zod';

type ZodShape = Readonly<Record<string, z.core.$ZodType>>;

export interface KitToolConfig {
  title?: string;
  description?: string;
  /** A zod shape (wrapped in `z.object`) or a zod schema. */
  inputSchema?: ZodShape | z.ZodType;
  outputSchema?: ZodShape | z.ZodType;
  annotations?: ToolAnnotations;
  _meta?: Record<string, unknown>;
}

export interface KitMcpServer {
  /** The SDK's own McpServer (its low-level `server` is reached through `.server`). */
  readonly mcp: McpServer;
  readonly server: McpServer['server'];
  /**
   * Lists a tool. Its calls are answered by the kit's tools/call envelope (tool-calls.ts), never by
   * the SDK, so the callback is only a placeholder the SDK requires.
   */
  registerTool(name: string, config: KitToolConfig, callback: unknown): void;
}

function asSchema(schema: ZodShape | z.ZodType): z.ZodType {
  return schema instanceof z.ZodType ? schema : z.object(schema as Record<string, z.ZodType>);
}

export function kitMcpServer(mcp: McpServer): KitMcpServer {
  return {
    mcp,
    get server() {
      return mcp.server;
    },
    registerTool(name, config) {
      const { inputSchema, outputSchema, ...rest } = config;
      mcp.registerTool(
        name,
        {
          ...rest,
          ...(inputSchema === undefined ? {} : { inputSchema: asSchema(inputSchema) }),
          ...(outputSchema === undefined ? {} : { outputSchema: asSchema(outputSchema) }),
        },
        // Never called: tools/call is answered by the kit (see tool-calls.ts).
        async () => {
          throw new Error(`${name} is answered by the kit's tools/call envelope`);
        },
      );
    },
  };
}
