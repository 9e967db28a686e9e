// The BUILT m365-posture command, spawned with stderr piped (so not a terminal), as CI runs it:
// progress arrives as plain lines on stderr and never on stdout, --quiet silences it, and
// --markdown writes the escaped report where the other reports go. The repo's test command builds
// first; while developing: pnpm exec turbo build --filter=@m365-mcp/m365-posture.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/m365-posture.js', import.meta.url));
const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));
const server = `m365-security=${process.execPath} ${fakeServer}`;

const assessment = {
  status: 'critical',
  statusRule: 'CRITICAL when an admin is exposed.',
  findings: [
    {
      id: 'SEC-1',
      title: 'Admin exposed',
      severity: 'critical',
      status: 'fail',
      resource: {
        type: 'user',
        displayName: '# Boss [login](https://evil.example) <script>x</script> | \u001b[31m',
      },
    },
  ],
  nextActions: ['Review the admin'],
};

let scratch: string;

function posture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: scratch,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: scratch,
          FAKE_ASSESSMENT: JSON.stringify(assessment),
          FAKE_PROGRESS: '1',
        },
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the m365-posture command', () => {
  beforeAll(async () => {
    expect(
      existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url))),
      'm365-posture must be built (pnpm exec turbo build --filter=@m365-mcp/m365-posture)',
    ).toBe(true);
    scratch = await mkdtemp(join(tmpdir(), 'posture-cli-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('with stderr piped: plain progress lines on stderr, only the JSON report on stdout, and the Markdown file', async () => {
    const { code, stdout, stderr } = await posture([
      '--server',
      server,
      '--json',
      '--markdown',
      'reports/nested/posture.md',
    ]);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ overall: { status: 'critical' } });
    expect(stderr).not.toContain('\u001b');
    const lines = stderr.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '[m365-security] starting',
      '[m365-security] listing tools',
      '[m365-security] running assess_fake_posture (1/1)',
      '[m365-security] running assess_fake_posture (1/1): 1/1',
    ]);
    expect(lines[4]).toMatch(/^\[m365-security\] assessed: CRITICAL \(\d+\.\ds\)$/);
    // With stdout carrying JSON, where the file went is said on stderr.
    const path = join(scratch, 'reports/nested/posture.md');
    expect(lines[5]).toBe(`Markdown report: ${path}`);

    const markdown = await readFile(path, 'utf8');
    expect(markdown.split('\n')[0]).toBe('# Microsoft 365 posture: CRITICAL');
    expect(markdown).toContain(
      '\\# Boss \\[login\\](https\\://evil.example) &lt;script&gt;x&lt;/script&gt; \\|',
    );
    expect(markdown).not.toContain('\u001b');
  });

  it('--quiet: no progress at all; a text summary that ends with where the report went, replacing an old one', async () => {
    const target = join(scratch, 'old.md');
    await writeFile(target, 'an older report');
    const { code, stdout, stderr } = await posture(['--server', server, '--quiet', '--markdown', target]);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Microsoft 365 posture of');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`Markdown report: ${target}`);
    expect(await readFile(target, 'utf8')).toContain('## Failing findings by server');
  });

  it('refuses a directory as the Markdown file before running anything', async () => {
    await mkdir(join(scratch, 'a-directory'));
    const { code, stdout, stderr } = await posture(['--server', server, '--markdown', 'a-directory']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: --markdown a-directory: is a directory; give a file name\n');
  });
});
