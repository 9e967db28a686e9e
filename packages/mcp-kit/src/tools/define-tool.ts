import type { z } from 'zod';
import type { ToolContext } from './tool-context.js';

/** All four hints are required: the defaults in the spec are the unsafe ones. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * The hints of a tool that only reads the tenant through Graph, declared once here so that every
 * server's read tools say the same. A tool that reads only the server's own store spreads it:
 * `{ ...readOnlyAnnotations, openWorldHint: false }`. Frozen, as every tool shares the one object.
 */
export const readOnlyAnnotations: Readonly<ToolAnnotations> = Object.freeze({
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
});

export interface ToolAnswer<S> {
  structured: S;
  /** A few lines for the model; the structured content carries the same facts in full. */
  summary: string;
}

type Shape = z.ZodRawShape;
type Args<I extends Shape> = z.infer<z.ZodObject<I>>;

export interface ToolSpec<I extends Shape, O extends Shape> {
  /** snake_case verb, e.g. `list_users`. */
  name: string;
  title: string;
  /** For the model: what it answers, when to use it, what it costs. */
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /**
   * Set when every answer carries tenant data even if the handler never calls `ctx.tenantText`
   * (for instance when it returns analysis results built from tenant strings).
   */
  tenantData?: boolean;
  /**
   * Marks the server's assessment tool, which m365-posture calls with `{}`; its output must include
   * `assessmentShape` (status, statusRule, findings, nextActions).
   */
  assessment?: boolean;
  /**
   * A long tool (a tenant-wide audit or scan): a client that declares the MCP Tasks extension
   * (io.modelcontextprotocol/tasks) gets a task handle at once and polls for the result; any other
   * client gets the result as before.
   */
  longRunning?: boolean;
  handler(args: Args<I>, ctx: ToolContext): Promise<ToolAnswer<z.infer<z.ZodObject<O>>>>;
}

/** A read tool with its argument types erased, as the server registers it. */
export interface ToolDefinition {
  readonly kind: 'tool';
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: Shape;
  readonly output: Shape;
  readonly annotations: ToolAnnotations;
  readonly tenantData: boolean;
  readonly assessment: boolean;
  /** Run as a task for a client that declares the Tasks extension (see ToolSpec.longRunning). */
  readonly longRunning?: boolean;
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolAnswer<Record<string, unknown>>>;
}

const toolNamePattern = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

export function assertToolName(name: string): void {
  if (!toolNamePattern.test(name) || name.length > 64) {
    throw new Error(`Tool name "${name}" must be a snake_case verb phrase such as list_users.`);
  }
}

export function defineTool<I extends Shape, O extends Shape>(spec: ToolSpec<I, O>): ToolDefinition {
  assertToolName(spec.name);
  return {
    kind: 'tool',
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: spec.input,
    output: spec.output,
    annotations: spec.annotations,
    tenantData: spec.tenantData ?? false,
    assessment: spec.assessment ?? false,
    longRunning: spec.longRunning ?? false,
    // The call envelope (audited-call.ts) has parsed the arguments with `input`: they have its output type.
    run: (args, ctx) => spec.handler(args as Args<I>, ctx),
  };
}
