// The MCP inspector's CLI (@modelcontextprotocol/inspector 2.x, `--cli`), a client we did not
// write, lists and calls the tools of the built sample bin over stdio.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSampleBin } from './build-sample-bin.js';

const inspector = join(
  import.meta.dirname,
  '..',
  'node_modules',
  '@modelcontextprotocol',
  'inspector',
  'clients',
  'launcher',
  'build',
  'index.js',
);

let dir: string;
let bin: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-inspector-'));
  bin = await buildSampleBin(dir);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function inspect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        inspector,
        '--cli',
        ...args,
        '--format',
        'json',
        '--',
        process.execPath,
        bin,
        '--demo',
        '--audit-log',
        join(dir, 'audit.jsonl'),
      ],
      { timeout: 120_000, env: { PATH: process.env.PATH ?? '', HOME: dir }, maxBuffer: 20_000_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the MCP inspector CLI against the built bin over stdio', () => {
  it('lists the tools', async () => {
    const run = await inspect(['--method', 'tools/list']);
    expect(run.code, run.stderr).toBe(0);
    const listed = z
      .object({ result: z.object({ tools: z.array(z.object({ name: z.string() })) }) })
      .parse(JSON.parse(run.stdout));
    expect(listed.result.tools.map((tool) => tool.name)).toContain('list_users');
  });

  it('calls a read tool and gets its structured answer', async () => {
    const run = await inspect([
      '--method',
      'tools/call',
      '--tool-name',
      'list_users',
      '--tool-args-json',
      '{"limit":2}',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const called = z
      .object({
        result: z.object({
          content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
          structuredContent: z.object({ users: z.array(z.unknown()) }).loose(),
        }),
      })
      .parse(JSON.parse(run.stdout));
    expect(called.result.content[0]?.text).toMatch(/^2 of \d+ users/);
    expect(called.result.structuredContent.users).toHaveLength(2);
  });
});
