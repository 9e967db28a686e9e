// Progress on a terminal: one line per server, `name [####------] 12.3s what it is doing`, redrawn
// in place (cursor up over the block, then each line cleared and rewritten) on every event and on a
// timer so the elapsed time moves. At the end the block is drawn once more and left as the final
// state. Lines are cut to the terminal width, because a wrapped line would break the cursor maths.
import type { PostureStatus } from './assessment.js';
import type { ProgressEvent } from './progress-events.js';
import { formatElapsed } from './progress-plain.js';
import type { ProgressReporter, ProgressStream } from './progress-reporter.js';
import { terminalSafe } from './terminal-text.js';

const ESC = '\u001b[';
const BAR_WIDTH = 10;

type Tone = 'none' | 'good' | 'warn' | 'bad' | 'dim';
const toneCode: Record<Tone, string> = { none: '', good: '32', warn: '33', bad: '31', dim: '2' };
const statusTone: Record<PostureStatus, Tone> = {
  critical: 'bad',
  warning: 'warn',
  ok: 'good',
  unknown: 'dim',
};

interface Row {
  server: string;
  fraction: number;
  label: string;
  tone: Tone;
  startedAt?: number;
  endedAt?: number;
}

function applyEvent(row: Row, event: ProgressEvent, now: number): void {
  switch (event.phase) {
    case 'queued':
      Object.assign(row, { fraction: 0, label: 'waiting', tone: 'dim' });
      return;
    case 'starting':
      Object.assign(row, { fraction: 0.05, label: 'starting…', tone: 'none', startedAt: now });
      return;
    case 'listing-tools':
      Object.assign(row, { fraction: 0.1, label: 'listing tools…', tone: 'none' });
      return;
    case 'assessing': {
      const within = event.total ? Math.min(1, Math.max(0, (event.progress ?? 0) / event.total)) : 0;
      const done = (event.toolIndex - 1 + within) / Math.max(1, event.toolCount);
      const detail =
        event.message ?? (event.progress !== undefined ? `${event.progress}/${event.total ?? '?'}` : '');
      const label = `${event.tool} ${event.toolIndex}/${event.toolCount} ${event.steps ?? 'tools'}${detail ? ` · ${detail}` : ''}…`;
      Object.assign(row, { fraction: 0.1 + 0.9 * done, label, tone: 'none' });
      return;
    }
    case 'done':
      Object.assign(row, {
        fraction: 1,
        endedAt: now,
        ...(event.state === 'assessed'
          ? { label: `done: ${event.status.toUpperCase()}`, tone: statusTone[event.status] }
          : { label: 'done: no assessment tool', tone: 'dim' }),
      });
      return;
    case 'failed':
      Object.assign(row, { endedAt: now, label: `failed: ${event.error}`, tone: 'bad' });
      return;
  }
}

export interface TtyProgressOptions {
  colour: boolean;
  now: () => number;
  /** Redraw this often so elapsed times move between events; 0 redraws on events only. */
  tickMs: number;
}

export function ttyProgress(stream: ProgressStream, options: TtyProgressOptions): ProgressReporter {
  const rows: Row[] = [];
  let drawn = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let finished = false;

  const line = (row: Row, nameWidth: number, width: number): string => {
    const filled = Math.round(row.fraction * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const elapsed =
      row.startedAt === undefined ? '' : formatElapsed((row.endedAt ?? options.now()) - row.startedAt);
    const head = `${terminalSafe(row.server, 40).padEnd(nameWidth)} ${bar} ${elapsed.padStart(6)} `.slice(
      0,
      width,
    );
    // Cut before colouring, so the escape codes never count towards (or get cut by) the width.
    const label = terminalSafe(row.label, width - head.length);
    const code = toneCode[row.tone];
    return head + (options.colour && code && label ? `${ESC}${code}m${label}${ESC}0m` : label);
  };

  const render = () => {
    const width = Math.max(1, (stream.columns || 80) - 1);
    const nameWidth = Math.min(40, Math.max(0, ...rows.map((r) => r.server.length)));
    let out = drawn > 0 ? `${ESC}${drawn}A` : '';
    for (const row of rows) out += `\r${ESC}2K${line(row, nameWidth, width)}\n`;
    drawn = rows.length;
    stream.write(out);
  };

  return {
    update(event) {
      if (finished) return;
      let row = rows.find((r) => r.server === event.server);
      if (!row) {
        row = { server: event.server, fraction: 0, label: '', tone: 'none' };
        rows.push(row);
      }
      applyEvent(row, event, options.now());
      render();
      if (!timer && options.tickMs > 0) {
        timer = setInterval(render, options.tickMs);
        // The display must never keep the process alive on its own.
        timer.unref();
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      if (timer) clearInterval(timer);
      if (rows.length > 0) render();
    },
  };
}
