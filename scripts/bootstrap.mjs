#!/usr/bin/env node
// Sets up everything the workspace needs, then runs one of its scripts:
//
//   node scripts/bootstrap.mjs [script]     e.g. `demo` or `verify`
//
// It must run as the very first command on a fresh clone, with an empty HOME, on whatever Node
// the machine has (Node 18 or later) and nothing but the npm registry. So it uses no dependency:
// it brings the Node release pinned in .node-version (shipped as a binary inside the registry
// package node-<os>-<arch>) and the pnpm pinned in package.json's packageManager, both into
// .tools/, installs the workspace with pnpm, and runs `pnpm run <script>` under that Node.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const toolsDir = join(root, '.tools');
const isWindows = process.platform === 'win32';

function say(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[setup] error: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) fail(`could not start ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function versionAtLeast(actual, wanted) {
  const a = actual.replace(/^v/, '').split('.').map(Number);
  const w = wanted.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (w[i] ?? 0)) return (a[i] ?? 0) > (w[i] ?? 0);
  }
  return true;
}

// Downloads a registry package as a tarball with the machine's npm and unpacks it into `target`.
function unpackRegistryPackage(spec, target) {
  const scratch = mkdtempSync(join(toolsDir, 'download-'));
  try {
    const npm = isWindows ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', spec, '--silent', '--pack-destination', scratch], {
      encoding: 'utf8',
      shell: isWindows,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const file = packed.stdout?.trim().split('\n').pop();
    if (packed.status !== 0 || !file) fail(`npm pack ${spec} failed (is the npm registry reachable?)`);
    if (run('tar', ['-xzf', join(scratch, file), '-C', scratch]) !== 0) fail(`could not unpack ${file}`);
    rmSync(target, { recursive: true, force: true });
    renameSync(join(scratch, 'package'), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function ensureNode() {
  const wanted = readFileSync(join(root, '.node-version'), 'utf8').trim();
  // The tools need at least the pinned minor of the same major (tsup and vitest ask for ^22.18).
  const [major] = wanted.split('.');
  const current = process.versions.node;
  if (current.split('.')[0] === major && versionAtLeast(current, wanted.split('.').slice(0, 2).join('.'))) {
    return process.execPath;
  }
  const dir = join(toolsDir, `node-${wanted}`);
  const binary = isWindows ? join(dir, 'node.exe') : join(dir, 'bin', 'node');
  if (!existsSync(binary)) {
    const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
    const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
    if (!arch || !os)
      fail(
        `no Node ${wanted} package for ${process.platform}/${process.arch}; install Node ${wanted} yourself`,
      );
    say(`Node ${current} is too old for this workspace; fetching Node ${wanted} from the npm registry`);
    unpackRegistryPackage(`node-${os}-${arch}@${wanted}`, dir);
    if (!isWindows) chmodSync(binary, 0o755);
  }
  return binary;
}

function ensurePnpm(nodeBinary) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = /^pnpm@(.+)$/.exec(manifest.packageManager ?? '')?.[1];
  if (!version) fail('package.json has no "packageManager": "pnpm@<version>"');
  const dir = join(toolsDir, `pnpm-${version}`);
  const entry = join(dir, 'bin', 'pnpm.cjs');
  if (!existsSync(entry)) {
    say(`fetching pnpm ${version} from the npm registry`);
    unpackRegistryPackage(`pnpm@${version}`, dir);
  }
  // A `pnpm` on PATH for the scripts and for turbo, which call it by name.
  const shims = join(toolsDir, 'bin');
  mkdirSync(shims, { recursive: true });
  if (isWindows) {
    writeFileSync(join(shims, 'pnpm.cmd'), `@"${nodeBinary}" "${entry}" %*\r\n`);
  } else {
    writeFileSync(join(shims, 'pnpm'), `#!/bin/sh\nexec "${nodeBinary}" "${entry}" "$@"\n`);
    chmodSync(join(shims, 'pnpm'), 0o755);
  }
  return shims;
}

const script = process.argv[2];
mkdirSync(toolsDir, { recursive: true });
const nodeBinary = ensureNode();
const shims = ensurePnpm(nodeBinary);
const pathKey = Object.keys(process.env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
const env = {
  ...process.env,
  [pathKey]: [shims, resolve(nodeBinary, '..'), process.env[pathKey]].join(isWindows ? ';' : ':'),
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};
const pnpm = isWindows ? 'pnpm.cmd' : 'pnpm';

say('installing the workspace');
// When pnpm must rebuild node_modules (another store, e.g. after HOME changed), it asks first, and
// without a terminal it gives up: these modules are the workspace's own to rebuild, so no question.
const installArgs = [
  'install',
  '--config.confirm-modules-purge=false',
  ...(process.env.CI ? ['--frozen-lockfile'] : []),
];
if (run(pnpm, installArgs, { cwd: root, env }) !== 0) {
  fail('pnpm install failed');
}
if (script) {
  process.exit(run(pnpm, ['run', script, ...process.argv.slice(3)], { cwd: root, env }));
}
say(`ready: Node ${nodeBinary}, pnpm at ${join(shims, 'pnpm')}`);
