// podman for the container test: whether it can run containers here, and a container run as the
// test needs it (attached, so its stderr and exit code come back to the test process).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

/**
 * The global flags every podman command gets: runc as the runtime (crun is not installed, and runc
 * runs here as root without systemd).
 */
export const podmanGlobal = ['--runtime', 'runc'];

/**
 * podman's helpers (netavark, iptables, runc) live in the system directories root's PATH has; a
 * shell with a narrower PATH (`PATH=/usr/bin:/bin npm test`) would make every run exit 127.
 */
const podmanPath = [process.env.PATH ?? '', '/usr/local/sbin', '/usr/sbin', '/sbin']
  .filter(Boolean)
  .join(':');
export const podmanEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, PATH: podmanPath });

/** Limits the sandbox this runs in requires; harmless elsewhere. */
const runLimits = ['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=1000:1000'];

/** Why the container test cannot run here, or undefined when it can. */
export function containerUnavailableReason(): string | undefined {
  const version = spawnSync('podman', ['--version'], { encoding: 'utf8', env: podmanEnv(process.env) });
  if (version.error) return 'podman is not installed: apt-get install podman runc (.ci/run does)';
  const runc = spawnSync('runc', ['--version'], { encoding: 'utf8', env: podmanEnv(process.env) });
  if (runc.error) return 'runc is not installed: apt-get install runc (.ci/run does)';
  const info = spawnSync('podman', [...podmanGlobal, 'info', '--format', '{{.Host.OCIRuntime.Name}}'], {
    encoding: 'utf8',
    env: podmanEnv(process.env),
  });
  if (info.status !== 0) {
    return `podman cannot run containers here: ${(info.stderr || info.stdout).trim().split('\n')[0]}`;
  }
  return undefined;
}

/** Runs podman to completion (a non-zero exit is returned, not thrown). */
export function podman(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('podman', [...podmanGlobal, ...args], { encoding: 'utf8', env: podmanEnv(env) });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `podman run --rm <args>` to completion. */
export function runOnce(args: string[]): { code: number; stdout: string; stderr: string } {
  return podman(['run', '--rm', ...runLimits, ...args]);
}

export interface RunningContainer {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the container's exit (podman run attached exits with the container's code). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first match of `pattern` in the container's stderr, or rejects if it exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/**
 * Starts `podman run --rm <args>` attached. Secrets go in `env` and are named with `-e NAME` in
 * `args`, so their values never appear on a command line.
 */
export function startContainer(args: string[], env: Record<string, string>): RunningContainer {
  const child = spawn('podman', [...podmanGlobal, 'run', '--rm', ...runLimits, ...args], {
    env: podmanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stderr: () => stderr,
    exit,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stderr);
          if (!match) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exit.then(({ code }) => {
          if (listeners.delete(check)) {
            reject(new Error(`the container exited (${code}) before printing ${pattern}:\n${stderr}`));
          }
        });
      });
    },
  };
}
