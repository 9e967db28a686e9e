import { describe, expect, it } from 'vitest';
import { httpSettingsFrom } from '../src/cli/http-flags.js';
import { runServerCli } from '../src/cli/index.js';
import { makeToken } from './http-harness.js';
import { sampleServer } from './sample-server.js';

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  let stderr = '';
  const code = await runServerCli(sampleServer, ['node', 'm365-sample', ...args], {
    env,
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stderr };
}

// Each of these must fail before anything starts (no demo tenant, no port): they return at once.
describe('the --http command line refuses', () => {
  it('to serve without a bearer token, saying how to make one', async () => {
    const { code, stderr } = await run(['--demo', '--http']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/M365_MCP_HTTP_TOKEN/);
    expect(stderr).toMatch(/openssl rand -hex 32/);
  });

  it('a token shorter than 32 characters, without echoing it', async () => {
    const short = 'abcdefghijklmnopqrstuvwxyz01234';
    const { code, stderr } = await run(['--demo', '--http'], { M365_MCP_HTTP_TOKEN: short });
    expect(code).toBe(1);
    expect(stderr).toMatch(/M365_MCP_HTTP_TOKEN\) must be at least 32 characters/);
    expect(stderr).not.toContain(short);
  });

  it('a weak token among several, naming it by its place and echoing none', async () => {
    const short = 'abcdefghijklmnopqrstuvwxyz01234';
    const good = [makeToken(), makeToken()];
    const { code, stderr } = await run(['--demo', '--http'], {
      M365_MCP_HTTP_TOKEN: `${good[0]}\n${short} ${good[1]}`,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /M365_MCP_HTTP_TOKEN, one per client, separated by whitespace\): token 2 of 3 must be at least 32 characters/,
    );
    for (const token of [short, ...good]) expect(stderr).not.toContain(token);
  });

  it('the same token twice: each client gets its own', async () => {
    const token = makeToken();
    const { code, stderr } = await run(['--demo', '--http'], {
      M365_MCP_HTTP_TOKEN: `${token} ${makeToken()} ${token}`,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/tokens 1 and 3 are the same: give each client its own token/);
    expect(stderr).not.toContain(token);
  });

  it('--http-no-auth off loopback, and together with a token', async () => {
    const open = await run(['--demo', '--http', '--http-no-auth', '--host', '0.0.0.0']);
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/only on a loopback address/);
    const both = await run(['--demo', '--http', '--http-no-auth'], { M365_MCP_HTTP_TOKEN: makeToken() });
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/contradict/);
  });

  it('HTTP flags without --http, and a port that is not one', async () => {
    const stray = await run(['--demo', '--port', '3000', '--host', '127.0.0.1']);
    expect(stray.code).toBe(1);
    expect(stray.stderr).toMatch(/--port, --host only apply with --http/);
    for (const port of ['abc', '65536', '-1', '3000.5']) {
      const bad = await run(['--demo', '--http', '--port', port], { M365_MCP_HTTP_TOKEN: makeToken() });
      expect(bad.code, port).toBe(1);
    }
  });

  it('an --allowed-host that is a URL, not a host', async () => {
    const { code, stderr } = await run(['--demo', '--http', '--allowed-host', 'https://mcp.example.com/'], {
      M365_MCP_HTTP_TOKEN: makeToken(),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/is not a host name/);
  });

  it('lists the HTTP flags in --help', async () => {
    let stdout = '';
    await runServerCli(sampleServer, ['node', 'm365-sample', '--help'], {
      env: {},
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
    });
    for (const flag of [
      '--http',
      '--port <n>',
      '--host <address>',
      '--allowed-host <host>',
      '--http-no-auth',
    ]) {
      expect(stdout).toContain(flag);
    }
  });
});

describe('M365_MCP_HTTP_TOKEN', () => {
  it('takes one token per client, separated by whitespace; a comma is part of a token', () => {
    const [a, b, c] = [makeToken(), `${makeToken()},with,commas`, makeToken()];
    const settings = httpSettingsFrom({ http: true }, { M365_MCP_HTTP_TOKEN: ` ${a}\t${b}\n\n${c}\n` });
    expect(settings?.auth).toEqual({ kind: 'bearer', tokens: [a, b, c] });
  });

  it('with only whitespace is no token at all', () => {
    expect(() => httpSettingsFrom({ http: true }, { M365_MCP_HTTP_TOKEN: ' \n ' })).toThrow(
      /needs a bearer token/,
    );
  });
});
