// The committed launchers (apps/*/bin/<name>.js) on a Node older than the servers need. An MCP
// client never shows a server's stderr, so a server refused only there looks like "Connection
// closed"; the launcher answers the client's initialize with an error naming the Node it needs.
// Driven with a real old Node (the machine's /usr/bin/node is Node 20) through a real MCP client.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';

const servers = ['m365-security', 'm365-identity', 'm365-sharepoint', 'm365-compliance'];
const apps = [...servers, 'm365-posture'];
const appFile = (app: string, path: string) =>
  fileURLToPath(new URL(`../../${app}/${path}`, import.meta.url));
const launcher = (app: string) => appFile(app, `bin/${app}.js`);

// A Node older than 22.12 on this machine, if there is one (Debian's nodejs package is Node 20).
function findOldNode(): { path: string; version: string } | undefined {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 12)) return { path, version };
  }
  return undefined;
}
const oldNode = findOldNode();

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Runs the launcher under the old Node, writes `input` to its stdin (left open when undefined
// and `keepStdinOpen`), and resolves when it exits.
function runOld(
  app: string,
  args: string[],
  input: string | undefined,
  keepStdinOpen = false,
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(oldNode?.path ?? 'node', [launcher(app), ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.write(input);
    if (!keepStdinOpen) child.stdin.end();
  });
}

const needsNode = /needs Node\.js 22\.12 or later; this is v\d+\.\d+\.\d+ \(/;

describe('the launchers share one Node check', () => {
  it('every app ships the same bin/check-node.js, in its published files, and its launcher uses it', () => {
    const reference = readFileSync(appFile('m365-security', 'bin/check-node.js'), 'utf8');
    for (const app of apps) {
      expect(readFileSync(appFile(app, 'bin/check-node.js'), 'utf8'), app).toBe(reference);
      const pkg = JSON.parse(readFileSync(appFile(app, 'package.json'), 'utf8'));
      expect(pkg.files, app).toContain('bin');
      expect(pkg.bin[app], app).toBe(`./bin/${app}.js`);
      const source = readFileSync(launcher(app), 'utf8');
      expect(source, app).toContain("from './check-node.js'");
      expect(source, app).toContain(`requireSupportedNode('${app}'`);
    }
  });

  it("asks for the Node every package.json's engines field asks for", () => {
    const check = readFileSync(appFile('m365-security', 'bin/check-node.js'), 'utf8');
    const [, major, minor] = /REQUIRED = \{ major: (\d+), minor: (\d+) \}/.exec(check) ?? [];
    for (const app of apps) {
      const pkg = JSON.parse(readFileSync(appFile(app, 'package.json'), 'utf8'));
      expect(pkg.engines.node, app).toBe(`>=${major}.${minor}`);
    }
  });
});

describe.skipIf(!oldNode)(
  `the launchers on an old Node (${oldNode?.version ?? 'none on this machine'})`,
  () => {
    it.each(servers)(
      '%s: an MCP client sees the required Node version as the error of initialize',
      async (app) => {
        const transport = new StdioClientTransport({
          command: oldNode?.path ?? 'node',
          args: [launcher(app)],
          stderr: 'pipe',
        });
        let stderr = '';
        transport.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const client = new Client({ name: 'old-node-test', version: '0.0.0' });
        const failure = await client.connect(transport).then(
          () => new Error('initialize succeeded on an old Node'),
          (error: unknown) => error,
        );
        await client.close();
        expect(failure).toBeInstanceOf(Error);
        expect((failure as Error).message).toMatch(new RegExp(`${app} ${needsNode.source}`));
        expect((failure as Error).message).toContain(oldNode?.version);
        expect(stderr).toMatch(needsNode);
      },
    );

    it('answers with the request id of the first line and code -32603, then exits 1', async () => {
      const initialize = { jsonrpc: '2.0', id: 'first', method: 'initialize', params: {} };
      const run = await runOld('m365-compliance', ['--demo'], `${JSON.stringify(initialize)}\n`);
      expect(run.code).toBe(1);
      const answer = JSON.parse(run.stdout);
      expect(answer).toMatchObject({ jsonrpc: '2.0', id: 'first', error: { code: -32603 } });
      expect(answer.error.message).toMatch(needsNode);
      expect(run.stderr).toContain(answer.error.message);
    });

    it('a notification or a line that is not JSON-RPC gets no answer; the launcher exits 1', async () => {
      for (const line of ['{"jsonrpc":"2.0","method":"notifications/initialized"}\n', 'hello\n', '']) {
        const run = await runOld('m365-identity', [], line);
        expect(run).toMatchObject({ code: 1, stdout: '' });
        expect(run.stderr).toMatch(needsNode);
      }
    });

    it('--help, --version, permissions, check and --http do not wait for a client on an open stdin', async () => {
      for (const args of [['--help'], ['--version'], ['permissions'], ['check'], ['--http']]) {
        const run = await runOld('m365-sharepoint', args, undefined, true);
        expect(run, args.join(' ')).toMatchObject({ code: 1, stdout: '' });
        expect(run.stderr).toMatch(needsNode);
      }
    });

    it('m365-posture (a command, not an MCP server) says why on stderr and reads no request', async () => {
      const run = await runOld('m365-posture', ['--demo'], undefined, true);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`m365-posture ${needsNode.source}`));
    });
  },
);
