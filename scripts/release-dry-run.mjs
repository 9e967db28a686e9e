#!/usr/bin/env node
// A release without publishing, on a scratch copy of the repository (the repository itself is not
// touched; the copy is installed from the pnpm store): `changeset version` with the pending changesets, the version sync of the registry and
// bundle files, then `pnpm pack` of every public package and checks of each tarball:
//
// - its version is the one changeset version gave it, and server.json/manifest.json agree;
// - no `workspace:` or `catalog:` specifier is left in it, and every dependency on a workspace
//   package asks for that package's new version;
// - every file its bin, main and exports name is in it.
//
//   node scripts/release-dry-run.mjs [--keep]     (run after the build: the tarballs hold dist/)
//
// Prints one line per package and exits 1 if any check fails. --keep leaves the scratch copy.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const keep = process.argv.includes('--keep');
const isWindows = process.platform === 'win32';
const pnpm = isWindows ? 'pnpm.cmd' : 'pnpm';
const problems = [];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: isWindows });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${result.error?.message ?? output}`);
  }
  return result.stdout;
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const workspaceDirs = (root) =>
  ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((name) => existsSync(join(root, group, name, 'package.json')))
      .map((name) => join(group, name)),
  );

// The repository as a fresh clone would have it (tracked and new, not ignored, files), plus each
// package's build output, which the tarballs carry.
function scratchCopy() {
  const scratch = mkdtempSync(join(tmpdir(), 'm365-release-dry-run-'));
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], repo)
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(repo, file)));
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(repo, file), join(scratch, file));
  }
  for (const dir of workspaceDirs(repo)) {
    if (readJson(join(repo, dir, 'package.json')).private) continue;
    if (!existsSync(join(repo, dir, 'dist')))
      throw new Error(`${dir} is not built (no dist/): run pnpm run build`);
    cpSync(join(repo, dir, 'dist'), join(scratch, dir, 'dist'), { recursive: true });
  }
  return scratch;
}

// The files an exports map points at (its string leaves; its keys are subpaths, not files).
function exportTargets(exports) {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

const scratch = scratchCopy();
try {
  const before = new Map(
    workspaceDirs(scratch).map((dir) => [dir, readJson(join(scratch, dir, 'package.json'))]),
  );
  // Its own install (from the store): pnpm pack resolves workspace: specifiers through each
  // package's node_modules, which must lead to the scratch packages. The lockfile's freshness is
  // the CI install's check (--frozen-lockfile), not this one's: a stale one is updated here.
  run(pnpm, ['install', '--no-frozen-lockfile', '--prefer-offline', '--ignore-scripts'], scratch);
  run(process.execPath, [join(scratch, 'node_modules/@changesets/cli/bin.js'), 'version'], scratch);
  run(process.execPath, [join(repo, 'scripts/release-sync-versions.mjs'), '--root', scratch], scratch);
  try {
    run(
      process.execPath,
      [join(repo, 'scripts/release-sync-versions.mjs'), '--check', '--root', scratch],
      scratch,
    );
  } catch (error) {
    problems.push(`versions still drift after the sync: ${error.message}`);
  }

  const versions = new Map();
  const publicDirs = [];
  for (const dir of workspaceDirs(scratch)) {
    const pkg = readJson(join(scratch, dir, 'package.json'));
    versions.set(pkg.name, pkg.version);
    if (!pkg.private) publicDirs.push(dir);
  }

  const out = join(scratch, '.release-dry-run');
  mkdirSync(out);
  for (const dir of publicDirs) {
    const packed = JSON.parse(run(pnpm, ['pack', '--json', '--pack-destination', out], join(scratch, dir)));
    const tarball = resolve(out, packed.filename);
    const unpacked = join(out, packed.name.replace('/', '+'));
    mkdirSync(unpacked);
    run('tar', ['-xzf', tarball, '-C', unpacked], scratch);
    const manifest = readJson(join(unpacked, 'package', 'package.json'));
    const inTarball = (path) => existsSync(join(unpacked, 'package', path));
    const where = `${manifest.name}@${manifest.version}`;
    const was = before.get(dir)?.version;

    if (manifest.version !== versions.get(manifest.name)) {
      problems.push(`${where}: packed a version other than changeset's ${versions.get(manifest.name)}`);
    }
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
        if (/^(workspace|catalog):/.test(spec))
          problems.push(`${where}: ${field}.${name} is still "${spec}"`);
        const sibling = versions.get(name);
        if (sibling !== undefined && spec.replace(/^[\^~]/, '') !== sibling) {
          problems.push(`${where}: ${field}.${name} is "${spec}", but ${name} is released as ${sibling}`);
        }
      }
    }
    const named = [
      ...Object.values(typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {})),
      ...(manifest.main ? [manifest.main] : []),
      ...exportTargets(manifest.exports).filter((path) => !path.includes('*')),
    ];
    for (const path of named)
      if (!inTarball(path)) problems.push(`${where}: names ${path}, which is not in the tarball`);
    for (const bin of Object.values(manifest.bin ?? {})) {
      if (!inTarball(join(dirname(bin), '..', 'dist', 'bin.js')))
        problems.push(`${where}: ${bin} has no dist/bin.js`);
    }
    process.stdout.write(`${where} (was ${was}): ${packed.files.length} files, ${basename(tarball)}\n`);
  }

  if (problems.length > 0) {
    process.stderr.write(
      `release dry run: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`release dry run: ${publicDirs.length} packages versioned and packed, no problem\n`);
  }
} catch (error) {
  process.stderr.write(`release dry run failed: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  if (keep) process.stdout.write(`scratch copy kept: ${scratch}\n`);
  else rmSync(scratch, { recursive: true, force: true });
}
