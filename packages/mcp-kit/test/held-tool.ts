// A read tool that runs until the test releases it (or its call is cancelled): how the HTTP tests
// hold a call running without a clock (the write gate's elicitation did this when HTTP had
// sessions; a stateless request cannot wait for the client's answer).
import { z } from 'zod';
import { defineTool, type ToolDefinition } from '../src/index.js';

export interface HeldTool {
  tool: ToolDefinition;
  /** Resolves when a call has started running. */
  started: Promise<void>;
  release(): void;
}

export function heldTool(): HeldTool {
  let started: () => void = () => undefined;
  let release: () => void = () => undefined;
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tool = defineTool({
    name: 'wait_for_release',
    title: 'Wait for release',
    description: 'Runs until the test releases it. No Graph calls.',
    input: {},
    output: { released: z.boolean() },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async handler(_args, ctx) {
      started();
      const cancelled = new Promise<never>((_, reject) => {
        const abort = () => reject(new Error('cancelled'));
        if (ctx.signal.aborted) abort();
        ctx.signal.addEventListener('abort', abort, { once: true });
      });
      await Promise.race([released, cancelled]);
      return { structured: { released: true }, summary: 'Released.' };
    },
  });
  return { tool, started: startedPromise, release };
}
