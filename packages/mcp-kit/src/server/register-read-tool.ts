import { z } from 'zod';
import { assessmentMetaKey } from '../tools/assessment.js';
import type { ToolDefinition } from '../tools/define-tool.js';
import { answerResult } from '../tools/tool-result.js';
import { auditedCall } from './audited-call.js';
import type { ServerRuntime } from './server-runtime.js';

const structuredNote =
  'The text result is a short summary; structuredContent carries the same facts in full.';

export function registerReadTool(runtime: ServerRuntime, tool: ToolDefinition): void {
  const outputSchema = z.object(tool.output);
  runtime.server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: `${tool.description}\n\n${structuredNote}`,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
      ...(tool.assessment ? { _meta: { [assessmentMetaKey]: true } } : {}),
    },
    (args: Record<string, unknown>, extra) =>
      auditedCall(runtime, extra, {
        tool: tool.name,
        auditArguments: args,
        tenantData: tool.tenantData,
        body: async (ctx) => {
          const answer = await tool.run(args, ctx);
          // Checked here rather than left to the SDK, so the audit line records the failure.
          const checked = outputSchema.safeParse(answer.structured);
          if (!checked.success) {
            throw new Error(
              `${tool.name} produced output that does not match its schema: ${checked.error.message}`,
            );
          }
          return { result: answerResult(answer.summary, checked.data), outcome: 'ok' };
        },
      }),
  );
}
