// Progress for a stream that is not a terminal (CI logs, pipes, tests): one plain line per change
// of a server's state, `[server] what changed`, with the elapsed time once a server is finished.
// No escape codes, ever: the text is stripped of control characters.

import { describeProgressEvent, type ProgressEvent } from './progress-events.js';
import type { ProgressReporter, ProgressStream } from './progress-reporter.js';
import { terminalSafe } from './terminal-text.js';

export function plainProgress(stream: ProgressStream, now: () => number): ProgressReporter {
  const startedAt = new Map<string, number>();
  const lastLine = new Map<string, string>();
  let finished = false;
  return {
    update(event: ProgressEvent) {
      // The queue is for the live display; as lines it would only repeat the server names.
      if (finished || event.phase === 'queued') return;
      if (event.phase === 'starting') startedAt.set(event.server, now());
      let line = `[${terminalSafe(event.server, 60)}] ${terminalSafe(describeProgressEvent(event))}`;
      const started = startedAt.get(event.server);
      if ((event.phase === 'done' || event.phase === 'failed') && started !== undefined) {
        line += ` (${formatElapsed(now() - started)})`;
      }
      // A server that sends the same progress message twice says nothing new.
      if (lastLine.get(event.server) === line) return;
      lastLine.set(event.server, line);
      stream.write(`${line}\n`);
    },
    finish() {
      finished = true;
    },
  };
}

export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
}
