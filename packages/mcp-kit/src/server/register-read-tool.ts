import { z } from 'zod';
import { withTenantArgument } from '../tenants/tenant-argument.js';
import { assessmentMetaKey } from '../tools/assessment.js';
import type { ToolDefinition } from '../tools/define-tool.js';
import { answerResult } from '../tools/tool-result.js';
import { auditedCall } from './audited-call.js';
import type { ServerRuntime } from './server-runtime.js';
import type { ToolCall } from './tool-calls.js';

/** Lists the tool on the server and returns its call envelope (see tool-calls.ts). */
export function registerReadTool(
  runtime: ServerRuntime,
  tool: ToolDefinition,
  options: { tenantFree?: boolean } = {},
): ToolCall {
  const tenantFree = options.tenantFree ?? false;
  // With a tenants registry the listed schema has the required `tenant`; the kit takes it off
  // before `inputSchema` (the tool's own) sees the arguments.
  const listedInput =
    runtime.deps.tenants === undefined || tenantFree ? tool.input : withTenantArgument(tool.name, tool.input);
  const inputSchema = z.object(tool.input);
  const outputSchema = z.object(tool.output);
  const call: ToolCall = (args, extra) =>
    auditedCall(runtime, extra, {
      tool: tool.name,
      arguments: args,
      input: inputSchema,
      auditArguments: (parsed) => parsed,
      tenantData: tool.tenantData,
      tenantFree,
      body: async (parsed, ctx) => {
        const answer = await tool.run(parsed, ctx);
        // Checked here rather than left to the SDK, so the audit line records the failure.
        const checked = outputSchema.safeParse(answer.structured);
        if (!checked.success) {
          throw new Error(
            `${tool.name} produced output that does not match its schema: ${checked.error.message}`,
          );
        }
        return { result: answerResult(answer.summary, checked.data), outcome: 'ok' };
      },
    });
  runtime.server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: listedInput,
      ...(runtime.deps.config.outputSchemas ? { outputSchema: tool.output } : {}),
      annotations: { title: tool.title, ...tool.annotations },
      ...(tool.assessment ? { _meta: { [assessmentMetaKey]: true } } : {}),
    },
    call,
  );
  return call;
}
