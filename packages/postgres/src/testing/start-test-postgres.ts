// A real PostgreSQL server for tests: initdb in a temporary directory, started on a free loopback
// port, removed on stop. PostgreSQL refuses to run as root, so as root (CI containers) the server
// runs as the `postgres` user Debian's package creates, through runuser.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication on loopback only). */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its URL: one per test file keeps files apart. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops the server without starting it again (for "the database went away" cases). */
  stopServer(): Promise<void>;
  /** Starts a stopped server again. */
  startServer(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The folder with initdb and pg_ctl, or undefined when PostgreSQL's server is not installed. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.M365_TEST_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const found = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')));
  if (found) return found;
  // Any other Debian version.
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) {
      const dir = join('/usr/lib/postgresql', version, 'bin');
      if (existsSync(join(dir, 'initdb'))) return dir;
    }
  }
  return undefined;
}

/** Why real-database tests cannot run here, or undefined when they can: for `describe.skipIf`. */
export function postgresUnavailableReason(): string | undefined {
  if (postgresBinDir() === undefined) {
    return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql (.ci/run does)";
  }
  if (isRoot() && !userExists('postgres')) {
    return "running as root and there is no `postgres` user to run the server as (Debian's package creates it)";
  }
  if (isRoot() && runuserPath() === undefined) {
    return 'running as root and runuser (util-linux) is not installed to run the server as `postgres`';
  }
  return undefined;
}

/** runuser lives in /usr/sbin or /sbin, which a narrow PATH (`PATH=/usr/bin:/bin npm test`) leaves out. */
function runuserPath(): string | undefined {
  return ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].find((path) =>
    existsSync(path),
  );
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool, as the postgres user when we are root; resolves on exit 0. */
function run(binary: string, args: readonly string[]): Promise<void> {
  const [command, commandArgs] = isRoot()
    ? [runuserPath() as string, ['-u', 'postgres', '--', binary, ...args]]
    : [binary, [...args]];
  return new Promise((resolve, reject) => {
    let output = '';
    const child: ChildProcess = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${binary} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL. Throws with the reason from postgresUnavailableReason() when it
 * cannot; tests check that first and skip with the reason.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const reason = postgresUnavailableReason();
  if (reason !== undefined) throw new Error(`cannot start PostgreSQL: ${reason}`);
  const bin = postgresBinDir() as string;
  const dir = mkdtempSync(join(tmpdir(), 'm365-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  // The postgres user must be able to enter the directory and write the log.
  chmodSync(dir, 0o777);
  writeFileSync(logFile, '');
  chmodSync(logFile, 0o666);
  if (isRoot()) execFileSync('chown', ['postgres', dir, logFile]);
  await run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  // Loopback only, the socket in our directory (not /var/run/postgresql, which may not exist),
  // fsync off: the data is thrown away, and tests should not wait on the disk.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  const stopServer = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await start();
  let running = true;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart() {
      await stopServer();
      await start();
    },
    async stopServer() {
      await stopServer();
      running = false;
    },
    async startServer() {
      await start();
      running = true;
    },
    async stop() {
      if (running) await stopServer().catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
