// Chooses how a posture run shows its progress on stderr: a live display on a terminal, plain
// lines anywhere else (CI, pipes, a dumb terminal), nothing with --quiet. Hand-written rather than
// a dependency: what is needed (a few lines redrawn in place) is about a hundred lines.
import { plainProgress } from './progress-plain.js';
import type { ProgressReporter, ProgressStream } from './progress-reporter.js';
import { ttyProgress } from './progress-tty.js';
import { colourAllowed } from './terminal-text.js';

export interface ProgressOptions {
  quiet?: boolean;
  env?: Record<string, string | undefined>;
  now?: () => number;
  tickMs?: number;
}

export function createProgressReporter(
  stream: ProgressStream,
  options: ProgressOptions = {},
): ProgressReporter {
  if (options.quiet) return { update() {}, finish() {} };
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  if (isLiveTerminal(stream, env)) {
    return ttyProgress(stream, { colour: colourAllowed(env), now, tickMs: options.tickMs ?? 200 });
  }
  return plainProgress(stream, now);
}

/** Whether progress on this stream is the live display. TERM=dumb terminals cannot move the cursor. */
export function isLiveTerminal(
  stream: ProgressStream,
  env: Record<string, string | undefined> = process.env,
): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}
