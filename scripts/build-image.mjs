#!/usr/bin/env node
// Builds the container image of the HTTP servers with podman (deploy/Containerfile, deploy/README.md):
//
//   node scripts/build-image.mjs [--tag <image>] [--base <image>] [--rebuild-base]
//
// The servers must be built first (`pnpm run build`): the image holds each server's self-contained
// bundle (apps/<server>/dist), never node_modules.
//
// Without --base, the base is assembled here from this machine's files, for machines with no
// registry (this one, the tests): the running Node 22 binary (stripped), the shared libraries `ldd`
// lists for it, and distroless's layout (/nodejs/bin/node, user nonroot 65532). It is built once per
// Node version and reused. The published image is built from the same Containerfile with
// `--base gcr.io/distroless/nodejs22-debian12:nonroot@sha256:<digest>` (the digest pinned at release
// time): Google's distroless Node 22 on Debian 12, chosen over node:22-slim because it has no shell,
// no package manager and a non-root user built in, and is what the local base imitates.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The servers that serve Streamable HTTP (m365-posture is a command-line assessment, not a server). */
export const imageServers = ['m365-compliance', 'm365-identity', 'm365-security', 'm365-sharepoint'];

/** The user the image runs as: distroless's `nonroot`. */
export const imageUser = { uid: 65532, gid: 65532 };

export const defaultImageTag = 'localhost/m365-mcp:dev';

/**
 * Builds the image and resolves with its tag and size in bytes. `log` receives progress lines;
 * podman's own output is shown only when a step fails (in the thrown error).
 * @param {{ tag?: string, base?: string, rebuildBase?: boolean, podman?: string, log?: (line: string) => void }} [options]
 */
export function buildImage(options = {}) {
  const tag = options.tag ?? defaultImageTag;
  const podman = options.podman ?? 'podman';
  const log = options.log ?? (() => undefined);
  for (const server of imageServers) {
    const bundle = join(root, 'apps', server, 'dist', 'bin.js');
    if (!existsSync(bundle)) {
      throw new Error(
        `${server} is not built (${bundle} is missing): run \`pnpm run build\` at the repository root first`,
      );
    }
  }
  const cache = join(root, 'node_modules', '.cache', 'm365-mcp-image');
  const base = options.base ?? localBase({ cache, podman, log, rebuild: options.rebuildBase ?? false });

  const context = join(cache, 'context');
  rmSync(context, { recursive: true, force: true });
  stageApp(join(context, 'app'));
  mkdirSync(join(context, 'data'), { recursive: true });
  chmodSync(join(context, 'data'), 0o700);
  log(`building ${tag} from ${base}`);
  const previous = imageId(podman, tag);
  run(podman, [
    'build',
    // The docker format keeps HEALTHCHECK (the OCI image format has no field for it).
    '--format',
    'docker',
    '--build-arg',
    `BASE=${base}`,
    '--file',
    join(root, 'deploy', 'Containerfile'),
    '--tag',
    tag,
    context,
  ]);
  // The image this tag named before is left untagged: removed, so rebuilds do not pile up (kept
  // if a container still uses it).
  if (previous !== undefined && previous !== imageId(podman, tag)) {
    spawnSync(podman, ['image', 'rm', previous], { stdio: 'ignore' });
  }
  const size = Number(run(podman, ['image', 'inspect', tag, '--format', '{{.Size}}']).trim());
  return { tag, base, size };
}

/** The id of the image a tag names, or undefined when there is none. */
function imageId(podman, tag) {
  const inspected = spawnSync(podman, ['image', 'inspect', tag, '--format', '{{.Id}}'], { encoding: 'utf8' });
  return inspected.status === 0 ? inspected.stdout.trim() : undefined;
}

/** The app layer: the entrypoint, the health check, and per server its launcher and bundle. */
function stageApp(app) {
  mkdirSync(join(app, 'servers'), { recursive: true });
  for (const file of ['entrypoint.mjs', 'healthcheck.mjs']) {
    copyFileSync(join(root, 'deploy', 'image', file), join(app, file));
  }
  for (const server of imageServers) {
    const source = join(root, 'apps', server);
    const target = join(app, 'servers', server);
    const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
    mkdirSync(target, { recursive: true });
    // What the bundle reads at run time: its version, and "type": "module" for the .js files.
    writeFileSync(
      join(target, 'package.json'),
      `${JSON.stringify({ name: manifest.name, version: manifest.version, type: manifest.type, license: manifest.license }, null, 2)}\n`,
    );
    cpSync(join(source, 'bin'), join(target, 'bin'), { recursive: true });
    // dist/lib is the library build (for embedding and tests); the bin never loads it.
    cpSync(join(source, 'dist'), join(target, 'dist'), {
      recursive: true,
      filter: (path) => path !== join(source, 'dist', 'lib'),
    });
  }
}

/** The local stand-in for distroless Node 22, built once per Node version. */
function localBase({ cache, podman, log, rebuild }) {
  const [major] = process.versions.node.split('.');
  if (major !== '22') {
    throw new Error(
      `the local base image takes the running Node, which must be Node 22 (this is ${process.version}); run with the workspace's Node (. /tmp/env.sh or .tools/) or pass --base`,
    );
  }
  const tag = `localhost/m365-mcp-node-base:${process.versions.node}`;
  if (!rebuild && spawnSync(podman, ['image', 'exists', tag]).status === 0) return tag;
  log(`assembling ${tag} from ${process.execPath}`);
  const context = join(cache, 'base');
  const rootfs = join(context, 'rootfs');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(join(rootfs, 'nodejs', 'bin'), { recursive: true });
  const node = join(rootfs, 'nodejs', 'bin', 'node');
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  // Debug symbols are 18 MB of the release binary and nothing at run time.
  if (spawnSync('strip', ['--version']).status === 0) run('strip', [node]);
  for (const library of sharedLibraries(process.execPath)) {
    mkdirSync(join(rootfs, dirname(library)), { recursive: true });
    copyFileSync(library, join(rootfs, library));
  }
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  const { uid, gid } = imageUser;
  writeFileSync(
    join(rootfs, 'etc', 'passwd'),
    `root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:${uid}:${gid}:nonroot:/home/nonroot:/sbin/nologin\n`,
  );
  writeFileSync(join(rootfs, 'etc', 'group'), `root:x:0:\nnonroot:x:${gid}:\n`);
  mkdirSync(join(rootfs, 'tmp'));
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  mkdirSync(join(rootfs, 'home', 'nonroot'), { recursive: true });
  run(podman, [
    'build',
    '--format',
    'docker',
    '--file',
    join(root, 'deploy', 'base.Containerfile'),
    '--tag',
    tag,
    context,
  ]);
  return tag;
}

/** Every shared library (and the loader) `ldd` lists for a binary, as absolute paths. */
function sharedLibraries(binary) {
  const output = run('ldd', [binary]);
  const paths = [];
  for (const line of output.split('\n')) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (match?.[1]) paths.push(match[1]);
  }
  if (paths.length === 0)
    throw new Error(`ldd listed no libraries for ${binary}: is it a static or non-Linux binary?`);
  return paths;
}

function run(command, args) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(
      `${command} ${args.join(' ')} failed${error.code === 'ENOENT' ? ` (${command} is not installed)` : ''}:\n${output}`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      tag: { type: 'string' },
      base: { type: 'string' },
      'rebuild-base': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node scripts/build-image.mjs [--tag <image>] [--base <image>] [--rebuild-base]\n',
    );
    process.exit(0);
  }
  try {
    const built = buildImage({
      ...(values.tag === undefined ? {} : { tag: values.tag }),
      ...(values.base === undefined ? {} : { base: values.base }),
      rebuildBase: values['rebuild-base'] ?? false,
      log: (line) => process.stderr.write(`[build-image] ${line}\n`),
    });
    process.stdout.write(`${built.tag} (${(built.size / 1e6).toFixed(1)} MB, base ${built.base})\n`);
  } catch (error) {
    process.stderr.write(`[build-image] ${error.message}\n`);
    process.exit(1);
  }
}
