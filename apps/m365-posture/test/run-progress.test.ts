// Progress events from a real run: a stand-in server over stdio that sends MCP progress
// notifications, and one that cannot start. The events are what the live display and the plain
// lines are drawn from.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../src/progress-events.js';
import { runPosture } from '../src/run.js';

const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));

afterEach(() => {
  delete process.env.FAKE_ASSESSMENT;
  delete process.env.FAKE_PROGRESS;
  delete process.env.FAKE_PROGRESS_MESSAGE;
});

describe('progress of a posture run', () => {
  it('announces every server, then each one through its phases, including the server-sent progress', async () => {
    process.env.FAKE_ASSESSMENT = JSON.stringify({ status: 'warning', statusRule: 'r', findings: [] });
    process.env.FAKE_PROGRESS = '2';
    process.env.FAKE_PROGRESS_MESSAGE = 'users 20/20';
    const seen: { server: string; message: string; event: ProgressEvent }[] = [];
    await runPosture({
      demo: false,
      servers: [
        { name: 'm365-security', command: process.execPath, args: [fakeServer] },
        { name: 'm365-identity', command: process.execPath, args: ['/nonexistent/m365-identity.mjs'] },
      ],
      onProgress: (server, message, event) => seen.push({ server, message, event }),
    });
    const step = { tool: 'assess_fake_posture', toolIndex: 1, toolCount: 1 };
    expect(seen.map((s) => s.event)).toEqual([
      { server: 'm365-security', phase: 'queued' },
      { server: 'm365-identity', phase: 'queued' },
      { server: 'm365-security', phase: 'starting' },
      { server: 'm365-security', phase: 'listing-tools' },
      { server: 'm365-security', phase: 'assessing', ...step },
      { server: 'm365-security', phase: 'assessing', ...step, progress: 1, total: 2, message: 'users 20/20' },
      { server: 'm365-security', phase: 'assessing', ...step, progress: 2, total: 2 },
      { server: 'm365-security', phase: 'done', state: 'assessed', status: 'warning' },
      { server: 'm365-identity', phase: 'starting' },
      { server: 'm365-identity', phase: 'failed', error: expect.stringContaining('Connection closed') },
    ]);
    expect(seen.every((s) => s.server === s.event.server)).toBe(true);
    expect(seen.map((s) => s.message).slice(4, 8)).toEqual([
      'running assess_fake_posture (1/1)',
      'running assess_fake_posture (1/1): users 20/20',
      'running assess_fake_posture (1/1): 2/2',
      'assessed: WARNING',
    ]);
  });
});
