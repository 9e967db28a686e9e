import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningBin {
  child: ChildProcess;
  /** The MCP endpoint the bin printed. */
  url: URL;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a built bin with `--http` and resolves once it says where it listens (the URL it prints on
 * stderr); rejects with everything it wrote if it exits first. Only `env` reaches the process.
 */
export function startHttpBin(bin: string, args: string[], env: Record<string, string>): Promise<RunningBin> {
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const stop = () => {
    child.kill('SIGTERM');
    return exit;
  };
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /MCP server on Streamable HTTP at (http:\/\/\S+\/mcp),/.exec(stderr);
      if (match?.[1]) resolve({ child, url: new URL(match[1]), stderr: () => stderr, exit, stop });
    });
    void exit.then(({ code }) => reject(new Error(`the bin exited (${code}) before listening:\n${stderr}`)));
  });
}
