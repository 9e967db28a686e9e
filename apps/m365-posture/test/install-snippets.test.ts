// The install snippets of the READMEs (each fenced block right after an
// `<!-- install-snippet: <client> -->` line): each parses as its client reads it, names the server
// of its README through `npx -y @m365-mcp/<server>` with the credential variables, and the command
// it names starts: npx's package mapped to the workspace's built bin, with --demo added, answers
// tools/list to a real MCP client. One start per distinct command.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShellWords, parseToml } from './install-snippet-parsers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const servers = ['m365-security', 'm365-identity', 'm365-sharepoint', 'm365-compliance'];
const clients = [
  'claude-desktop',
  'vscode',
  'vscode-install-link',
  'cursor',
  'claude-code',
  'codex',
] as const;
type ClientKind = (typeof clients)[number];

// Each README and the server its snippets install.
const readmes = [
  { file: 'README.md', server: 'm365-security' },
  ...servers.map((server) => ({ file: `apps/${server}/README.md`, server })),
];

interface Snippet {
  readme: string;
  client: ClientKind;
  language: string;
  text: string;
}

interface Launch {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

function snippetsOf(readme: string): Snippet[] {
  const text = readFileSync(join(repo, readme), 'utf8');
  const marked = /<!-- install-snippet: ([a-z-]+) -->\n```([a-z]*)\n([\s\S]*?)\n```/g;
  return [...text.matchAll(marked)].map(([, client = '', language = '', body = '']) => {
    expect(clients, `${readme}: unknown install-snippet "${client}"`).toContain(client);
    return { readme, client: client as ClientKind, language, text: body };
  });
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const stringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every((item) => typeof item === 'string');

// The one server entry of a config object keyed by server name.
function onlyEntry(servers: unknown, where: string): [string, Record<string, unknown>] {
  expect(typeof servers, where).toBe('object');
  const entries = Object.entries(servers as Record<string, Record<string, unknown>>);
  expect(entries, `${where}: one server`).toHaveLength(1);
  return entries[0] as [string, Record<string, unknown>];
}

function launchOf(name: string, entry: Record<string, unknown>, where: string): Launch {
  const { command, args, env } = entry;
  expect(typeof command, `${where}: command`).toBe('string');
  expect(strings(args), `${where}: args`).toBe(true);
  expect(stringMap(env), `${where}: env`).toBe(true);
  return { name, command: command as string, args: args as string[], env: env as Record<string, string> };
}

// What each client reads from its snippet, checked for the shape that client expects.
const readers: Record<ClientKind, (snippet: Snippet) => Launch> = {
  'claude-desktop': (s) => launchOf(...onlyEntry(JSON.parse(s.text).mcpServers, s.client), s.client),
  cursor: (s) => launchOf(...onlyEntry(JSON.parse(s.text).mcpServers, s.client), s.client),
  vscode: (s) => {
    const config = JSON.parse(s.text);
    const [name, entry] = onlyEntry(config.servers, s.client);
    expect(entry.type).toBe('stdio');
    const launch = launchOf(name, entry, s.client);
    // Every ${input:id} it uses is declared, as a prompt VS Code can ask.
    const declared = new Map<string, { type: string; description: string }>(
      config.inputs.map((input: { id: string; type: string; description: string }) => [input.id, input]),
    );
    for (const value of Object.values(launch.env)) {
      for (const [, id = ''] of value.matchAll(/\$\{input:([^}]+)\}/g)) {
        expect(declared.get(id), `input ${id}`).toMatchObject({ type: 'promptString' });
        expect(declared.get(id)?.description).toBeTruthy();
      }
    }
    return launch;
  },
  'vscode-install-link': (s) => {
    const prefix = 'vscode:mcp/install?';
    expect(s.text.startsWith(prefix)).toBe(true);
    const encoded = s.text.slice(prefix.length);
    const config = JSON.parse(decodeURIComponent(encoded));
    expect(encodeURIComponent(JSON.stringify(config))).toBe(encoded);
    return launchOf(config.name, config, s.client);
  },
  'claude-code': (s) => {
    const words = parseShellWords(s.text);
    expect(words.slice(0, 3)).toEqual(['claude', 'mcp', 'add']);
    const name = words[3] ?? '';
    const env: Record<string, string> = {};
    let i = 4;
    for (; words[i] !== '--'; i += 2) {
      expect(['-e', '--env'], `option ${words[i]}`).toContain(words[i]);
      const [key = '', ...value] = (words[i + 1] ?? '').split('=');
      expect(key).toMatch(/^[A-Z_][A-Z0-9_]*$/);
      env[key] = value.join('=');
    }
    const [command = '', ...args] = words.slice(i + 1);
    return { name, command, args, env };
  },
  codex: (s) => {
    const config = parseToml(s.text);
    return launchOf(...onlyEntry(config.mcp_servers, s.client), s.client);
  },
};

const found = readmes.flatMap(({ file, server }) =>
  snippetsOf(file).map((snippet) => ({ snippet, server, launch: readers[snippet.client](snippet) })),
);

describe('the install snippets of the READMEs', () => {
  it.each(readmes)('$file has one snippet for each client', ({ file }) => {
    expect(
      snippetsOf(file)
        .map((s) => s.client)
        .sort(),
    ).toEqual([...clients].sort());
  });

  it.each(
    found.map(({ snippet, server, launch }) => ({
      where: `${snippet.readme} ${snippet.client}`,
      server,
      launch,
    })),
  )(
    '$where: npx -y @m365-mcp/<server> under its own name, with the tenant, app and a credential',
    ({ server, launch }) => {
      expect(launch.name).toBe(server);
      expect(launch.command).toBe('npx');
      expect(launch.args).toEqual(['-y', `@m365-mcp/${server}`]);
      expect(Object.keys(launch.env)).toEqual(
        expect.arrayContaining(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_CERTIFICATE_PATH']),
      );
    },
  );

  it('marks each block with the language its client reads', () => {
    const languages: Record<ClientKind, string> = {
      'claude-desktop': 'json',
      cursor: 'json',
      vscode: 'json',
      'vscode-install-link': 'text',
      'claude-code': 'sh',
      codex: 'toml',
    };
    for (const { snippet } of found) expect(snippet.language, snippet.readme).toBe(languages[snippet.client]);
  });
});

describe('the command each snippet names starts and lists its tools (with --demo)', () => {
  const home = mkdtempSync(join(tmpdir(), 'install-snippets-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  // One start per distinct command line, with the env of the first snippet that names it.
  const distinct = new Map<string, Launch>();
  for (const { launch } of found) {
    const key = JSON.stringify([launch.command, launch.args]);
    if (!distinct.has(key)) distinct.set(key, launch);
  }

  it.each(
    [...distinct.values()].map((launch) => ({ line: [launch.command, ...launch.args].join(' '), launch })),
  )('$line', async ({ launch }) => {
    const [yes, pkg = '', ...rest] = launch.args;
    expect(yes).toBe('-y');
    const server = pkg.replace(/^@m365-mcp\//, '');
    const bin = join(repo, 'apps', server, 'bin', `${server}.js`);
    expect(existsSync(join(repo, 'apps', server, 'dist', 'bin.js')), `${server} is built`).toBe(true);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, ...rest, '--demo', '--audit-log', join(home, `${server}.jsonl`)],
      env: { ...launch.env, PATH: process.env.PATH ?? '', HOME: home },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'install-snippet-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe(server);
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
