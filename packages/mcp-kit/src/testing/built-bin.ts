// A server's BUILT bin (bin/<name>.js -> dist/bin.js), as a user runs it: for the stdio smoke tests
// every server has. The repo's test command builds before testing; while developing, build with
// `pnpm exec turbo run build --filter=@m365-mcp/<name>`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export interface BuiltBin {
  /** A scratch HOME the bin runs with (nothing of the caller's profile leaks in); removed by close(). */
  readonly home: string;
  /** Runs the bin to completion and resolves with its stdout; rejects on a non-zero exit. */
  run(args: string[]): Promise<string>;
  /** Runs the bin to completion, whatever its exit code: for tests of failures and exit codes. */
  exec(
    args: string[],
    extraEnv?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Starts the bin as an MCP server on stdio (e.g. `['--demo']`, with an audit log in `home`) and
   * connects a real client. `protocolErrors` collects anything that was not clean protocol on stdout.
   */
  connect(args: string[]): Promise<{ client: Client; protocolErrors: Error[] }>;
  /** Closes every client it connected and removes `home`. */
  close(): Promise<void>;
}

export async function useBuiltBin(bin: string | URL): Promise<BuiltBin> {
  const binPath = typeof bin === 'string' ? bin : fileURLToPath(bin);
  const dist = join(dirname(binPath), '..', 'dist', 'bin.js');
  if (!existsSync(dist)) {
    throw new Error(`${basename(binPath)} is not built (${dist} is missing): build the package first`);
  }
  const home = await mkdtemp(join(tmpdir(), `${basename(binPath, '.js')}-bin-`));
  const env = { PATH: process.env.PATH ?? '', HOME: home };
  const clients: Client[] = [];
  return {
    home,
    run(args) {
      return new Promise((resolve, reject) => {
        execFile(process.execPath, [binPath, ...args], { env }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        );
      });
    },
    exec(args, extraEnv = {}) {
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [binPath, ...args],
          { env: { ...env, ...extraEnv } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    },
    async connect(args) {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [binPath, ...args, '--audit-log', join(home, `audit-${clients.length}.jsonl`)],
        env,
        stderr: 'pipe',
      });
      const protocolErrors: Error[] = [];
      transport.onerror = (error) => {
        protocolErrors.push(error);
      };
      const client = new Client({ name: 'built-bin-test', version: '0.0.0' });
      await client.connect(transport);
      clients.push(client);
      return { client, protocolErrors };
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await rm(home, { recursive: true, force: true });
    },
  };
}
