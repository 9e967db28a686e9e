// What every progress display is and writes to, in a file of its own so the displays
// (progress-plain.ts, progress-tty.ts) and the module that chooses between them (progress.ts)
// all import it without importing each other in a circle.
import type { ProgressEvent } from './progress-events.js';

/** The part of a writable stream progress needs; a test passes a fake terminal. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** Stops redrawing and leaves the final state on screen; later updates are ignored. */
  finish(): void;
}
