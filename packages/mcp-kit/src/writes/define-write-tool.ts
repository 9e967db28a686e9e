import type { z } from 'zod';
import { assertToolName, type ToolAnnotations } from '../tools/define-tool.js';
import type { ToolContext } from '../tools/tool-context.js';
import type { WritePlan } from './write-plan.js';

type Shape = z.ZodRawShape;

export interface WriteToolSpec<I extends Shape> {
  name: string;
  title: string;
  description: string;
  input: I;
  /** Defaults: not read-only, destructive, not idempotent, open world. */
  annotations?: Partial<Omit<ToolAnnotations, 'readOnlyHint'>>;
  /**
   * Reads what it needs and returns the exact Graph requests the write would make. It must not
   * change anything; `refuse(reason)` stops a write the guardrails forbid.
   */
  plan(args: z.infer<z.ZodObject<I>>, ctx: ToolContext): Promise<WritePlan>;
}

export interface WriteToolDefinition {
  readonly kind: 'write';
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: Shape;
  readonly annotations: ToolAnnotations;
  plan(args: Record<string, unknown>, ctx: ToolContext): Promise<WritePlan>;
}

export function defineWriteTool<I extends Shape>(spec: WriteToolSpec<I>): WriteToolDefinition {
  assertToolName(spec.name);
  if ('planId' in spec.input)
    throw new Error(`Write tool ${spec.name}: "planId" is reserved for the write gate.`);
  return {
    kind: 'write',
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: spec.input,
    annotations: {
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
      ...spec.annotations,
      readOnlyHint: false,
    },
    // The write gate parses the arguments with `input` before planning.
    plan: (args, ctx) => spec.plan(args as z.infer<z.ZodObject<I>>, ctx),
  };
}
