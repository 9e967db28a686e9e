// Runs one server's assessment over MCP: start it on stdio, find the tools it marks as assessments,
// call each, and parse what comes back. A server that fails to start or answer is reported as
// such; it never stops the others.

import { assessmentMetaKey } from '@m365-mcp/cis-bridge';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { type Assessment, assessmentSchema } from './assessment.js';
import type { ProgressEvent } from './progress-events.js';
import type { ServerCommand } from './servers.js';

export type ServerOutcome =
  | {
      server: string;
      state: 'assessed';
      tools: string[];
      assessments: { tool: string; assessment: Assessment }[];
    }
  | { server: string; state: 'no-assessment'; tools: string[] }
  | { server: string; state: 'failed'; error: string };

export interface AssessOptions {
  /** The server's whole environment (see server-env.ts); nothing else of the caller's is passed. */
  env: Record<string, string>;
  timeoutMs?: number;
  /** Called as the server moves through listing its tools and running each assessment tool. */
  onProgress?: (event: ProgressEvent) => void;
}

function resultText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .map((item) => (item && typeof item === 'object' && 'text' in item ? String(item.text) : ''))
    .join(' ')
    .trim();
}

export async function assessServer(server: ServerCommand, options: AssessOptions): Promise<ServerOutcome> {
  const stderr: string[] = [];
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env: options.env,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString('utf8'));
  });
  // The SDK v2 client with its default, the 2025 initialize handshake: one process per server. (A
  // 2026-07-28 pin or `auto` would first probe with server/discover in a second, throwaway process.)
  const client = new Client({ name: 'm365-posture', version: '0.1.0' });
  const timeout = options.timeoutMs ?? 300_000;
  try {
    await client.connect(transport);
    options.onProgress?.({ server: server.name, phase: 'listing-tools' });
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    const assessmentTools = tools.filter((t) => t._meta?.[assessmentMetaKey] === true);
    if (assessmentTools.length === 0) return { server: server.name, state: 'no-assessment', tools: names };
    const assessments: { tool: string; assessment: Assessment }[] = [];
    for (const [index, tool] of assessmentTools.entries()) {
      const step = {
        server: server.name,
        phase: 'assessing',
        tool: tool.name,
        toolIndex: index + 1,
        toolCount: assessmentTools.length,
      } as const;
      options.onProgress?.(step);
      const result = await client.callTool(
        { name: tool.name, arguments: {} },
        {
          timeout,
          resetTimeoutOnProgress: true,
          onprogress: (p) =>
            options.onProgress?.({
              ...step,
              progress: p.progress,
              ...(p.total !== undefined ? { total: p.total } : {}),
              ...(p.message !== undefined ? { message: p.message } : {}),
            }),
        },
      );
      if (result.isError) throw new Error(`${tool.name} failed: ${resultText(result.content)}`);
      assessments.push({ tool: tool.name, assessment: assessmentSchema.parse(result.structuredContent) });
    }
    return { server: server.name, state: 'assessed', tools: names, assessments };
  } catch (error) {
    const detail = stderr.join('').trim().split('\n').slice(-3).join(' | ');
    const message = error instanceof Error ? error.message : String(error);
    return {
      server: server.name,
      state: 'failed',
      error: detail ? `${message} (stderr: ${detail})` : message,
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}
