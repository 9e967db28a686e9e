// The progress renderers, given a fake stream: a terminal (isTTY, columns) gets a block redrawn in
// place that ends in the final state; anything else gets plain lines with no escape codes.
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../src/progress.js';
import type { ProgressEvent } from '../src/progress-events.js';
import type { ProgressStream } from '../src/progress-reporter.js';

const ESC = '\u001b';
const CSI = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, 'g');
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`);

function fakeStream(isTTY: boolean, columns = 100): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return {
    isTTY,
    columns,
    writes,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  };
}

// A clock the test moves by hand: elapsed times are exact, and nothing waits on real time.
function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const run: [number, ProgressEvent][] = [
  [0, { server: 'm365-security', phase: 'queued' }],
  [0, { server: 'm365-identity', phase: 'queued' }],
  [0, { server: 'm365-security', phase: 'starting' }],
  [300, { server: 'm365-security', phase: 'listing-tools' }],
  [
    100,
    {
      server: 'm365-security',
      phase: 'assessing',
      tool: 'assess_security_posture',
      toolIndex: 1,
      toolCount: 1,
    },
  ],
  [
    500,
    {
      server: 'm365-security',
      phase: 'assessing',
      tool: 'assess_security_posture',
      toolIndex: 1,
      toolCount: 1,
      progress: 3,
      total: 8,
      message: `incidents \u001b[2J\u001b[31mpage 3`,
    },
  ],
  [1600, { server: 'm365-security', phase: 'done', state: 'assessed', status: 'critical' }],
  [0, { server: 'm365-identity', phase: 'starting' }],
  [400, { server: 'm365-identity', phase: 'failed', error: 'Connection closed\u001b]0;pwned\u0007' }],
];

function play(stream: ProgressStream, env: Record<string, string | undefined>) {
  const { now, advance } = clock();
  const reporter = createProgressReporter(stream, { env, now, tickMs: 0 });
  for (const [ms, event] of run) {
    advance(ms);
    reporter.update(event);
  }
  reporter.finish();
  // After finish, nothing more is drawn.
  reporter.update({ server: 'm365-security', phase: 'starting' });
}

describe('progress on a terminal', () => {
  it('redraws one line per server in place and ends with each server in its final state', () => {
    const stream = fakeStream(true);
    play(stream, {});
    const output = stream.writes.join('');
    // Every frame after the first moves the cursor back up over the block and rewrites each line.
    expect(stream.writes.length).toBe(run.length + 1);
    expect(stream.writes[1]).toMatch(new RegExp(`^${ESC}\\[1A\\r${ESC}\\[2K`));
    expect(stream.writes.at(-1)).toMatch(new RegExp(`^${ESC}\\[2A\\r${ESC}\\[2K`));
    // Mid-run: a partial bar with the tool's own progress.
    expect(output).toContain('[####------]');
    expect(output).toContain('assess_security_posture 1/1 tools · incidents');

    const finalFrame = (stream.writes.at(-1) ?? '').split('\n').filter(Boolean);
    expect(finalFrame).toHaveLength(2);
    const plainFrame = finalFrame.map((line) => line.replace(CSI, '').replace('\r', ''));
    expect(plainFrame[0]).toBe('m365-security [##########]   2.5s done: CRITICAL');
    expect(plainFrame[1]).toMatch(/^m365-identity \[#---------\] {3}0\.4s failed: Connection closed/);
    // Colour for the outcome (red for critical and failed)...
    expect(finalFrame[0]).toContain(`${ESC}[31mdone: CRITICAL${ESC}[0m`);
    // ...but no escape code that came from a server: its ESC characters were replaced.
    expect(output).not.toContain(`${ESC}[2J`);
    expect(output).not.toContain(`${ESC}]0;`);
    expect(output).not.toContain('\u0007');
  });

  it('respects NO_COLOR: cursor movement still, colour never', () => {
    const stream = fakeStream(true);
    play(stream, { NO_COLOR: '1' });
    const output = stream.writes.join('');
    expect(output).toContain(`${ESC}[2A`);
    expect(output).not.toMatch(SGR);
  });

  it.each([40, 20])(
    'cuts lines to a terminal %i columns wide so a wrapped line cannot break the redraw',
    (columns) => {
      const stream = fakeStream(true, columns);
      play(stream, {});
      const lines = stream.writes
        .join('')
        .replace(CSI, '')
        .split(/[\r\n]/)
        .filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns - 1);
    },
  );

  it('draws plain lines on a dumb terminal', () => {
    const stream = fakeStream(true);
    play(stream, { TERM: 'dumb' });
    expect(stream.writes.join('')).not.toContain(ESC);
  });
});

describe('progress anywhere else', () => {
  it('writes one plain line per change, with no escape characters at all', () => {
    const stream = fakeStream(false);
    play(stream, {});
    const output = stream.writes.join('');
    expect(output).not.toContain(ESC);
    expect(output).not.toContain('\u0007');
    expect(output.split('\n').filter(Boolean)).toEqual([
      '[m365-security] starting',
      '[m365-security] listing tools',
      '[m365-security] running assess_security_posture (1/1)',
      '[m365-security] running assess_security_posture (1/1): incidents  [2J [31mpage 3',
      '[m365-security] assessed: CRITICAL (2.5s)',
      '[m365-identity] starting',
      '[m365-identity] failed: Connection closed ]0;pwned  (0.4s)',
    ]);
  });

  it('shows nothing when quiet', () => {
    const stream = fakeStream(true);
    const reporter = createProgressReporter(stream, { quiet: true, env: {}, tickMs: 0 });
    for (const [, event] of run) reporter.update(event);
    reporter.finish();
    expect(stream.writes).toEqual([]);
  });
});

describe('portfolio progress on a terminal', () => {
  it('shows which server a tenant is at, counted in servers', () => {
    const stream = fakeStream(true);
    const reporter = createProgressReporter(stream, { env: {}, now: () => 0, tickMs: 0 });
    reporter.update({ server: 'contoso', phase: 'starting' });
    reporter.update({
      server: 'contoso',
      phase: 'assessing',
      tool: 'm365-identity',
      toolIndex: 2,
      toolCount: 4,
      steps: 'servers',
    });
    reporter.finish();
    expect(stream.writes.join('').replace(CSI, '')).toContain('m365-identity 2/4 servers…');
  });
});
