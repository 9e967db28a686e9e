// What a posture run reports while it works, one event per change of a server's state. The
// renderers (progress.ts) turn them into a live display or plain lines; `describeProgressEvent`
// is the plain wording both share. Tool names and progress messages come from the servers and may
// carry tenant text: renderers make them terminal-safe before printing.
import type { PostureStatus } from './assessment.js';

export type ProgressEvent =
  | { server: string; phase: 'queued' }
  | { server: string; phase: 'starting' }
  | { server: string; phase: 'listing-tools' }
  | {
      server: string;
      phase: 'assessing';
      tool: string;
      /** 1-based position of this tool among the server's assessment tools. */
      toolIndex: number;
      toolCount: number;
      /** What `tool` is one of: a server's tools (default), or, in a portfolio, a tenant's servers. */
      steps?: 'tools' | 'servers';
      /** From the server's MCP progress notifications, when it sends any. */
      progress?: number;
      total?: number;
      message?: string;
    }
  | { server: string; phase: 'done'; state: 'assessed'; status: PostureStatus }
  | { server: string; phase: 'done'; state: 'no-assessment' }
  | { server: string; phase: 'failed'; error: string };

export type ProgressPhase = ProgressEvent['phase'];

/** The event in a few words, without the server name: e.g. `running assess_x (1/2): 3/8 users`. */
export function describeProgressEvent(event: ProgressEvent): string {
  switch (event.phase) {
    case 'queued':
      return 'waiting';
    case 'starting':
      return 'starting';
    case 'listing-tools':
      return 'listing tools';
    case 'assessing': {
      const step = `running ${event.tool} (${event.toolIndex}/${event.toolCount})`;
      const detail =
        event.message ??
        (event.progress !== undefined ? `${event.progress}/${event.total ?? '?'}` : undefined);
      return detail ? `${step}: ${detail}` : step;
    }
    case 'done':
      return event.state === 'assessed'
        ? `assessed: ${event.status.toUpperCase()}`
        : 'connected; it has no assessment tool';
    case 'failed':
      return `failed: ${event.error}`;
  }
}
