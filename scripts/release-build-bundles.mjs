#!/usr/bin/env node
// Builds each server's MCP Bundle (.mcpb, a Claude Desktop extension) from its build output:
//
//   node scripts/release-build-bundles.mjs [--out <dir>] [--server <name>]   (after the build)
//
// A bundle holds manifest.json (apps/<server>/mcpb/manifest.json), a package.json that makes its
// .js files ES modules, the launcher (bin/) and dist/ without source maps or type declarations.
// It has no node_modules, so dist/ must be self-contained (the server's dependencies bundled into
// it): a bundle whose code imports a package is refused, naming the imports, instead of being
// shipped to fail at its first start. The packages the bundle options leave optional (the demo
// simulator) are the exception: without them only --demo is unavailable. Packed with the mcpb CLI
// (npm @anthropic-ai/mcpb: the workspace's if installed, else the pinned version through npx).
// Prints each bundle's path and SHA-256 (the registry's `fileSha256` for an mcpb package entry).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MCPB_VERSION = '2.1.2';
const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const out = resolve(option('--out') ?? join(repo, 'release-assets'));
const only = option('--server');
const builtins = new Set(builtinModules);
// Packages a server bundle leaves out on purpose and loads only if present (the demo simulator,
// for --demo), as the servers' bundle options (scripts/server-bundle.mjs) list them.
const optional = new Set(
  await import('./server-bundle.mjs').then(
    (options) => options.optionalRuntimePackages ?? [],
    () => [],
  ),
);

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// The mcpb command: the workspace's CLI if it has one, else npx with the pinned version.
function mcpbCommand() {
  try {
    const main = createRequire(join(repo, 'package.json')).resolve('@anthropic-ai/mcpb');
    return [process.execPath, [join(dirname(main), 'cli', 'cli.js')]];
  } catch {
    return [
      process.platform === 'win32' ? 'npx.cmd' : 'npx',
      ['--yes', `@anthropic-ai/mcpb@${MCPB_VERSION}`],
    ];
  }
}

// Package names (bare specifiers) that a built file imports: import/export ... from, a bare
// import, or import() of a literal. Names of the npm form only, so text in strings is not taken.
const PACKAGE = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]+)?$/i;
function packageImports(file) {
  const code = readFileSync(file, 'utf8');
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"'\n]+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"'\n]+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"'\n]+)["']\s*\)/g),
  ].map(([, specifier]) => specifier);
  return specifiers.filter(
    (s) =>
      PACKAGE.test(s) &&
      !s.startsWith('node:') &&
      !builtins.has(s) &&
      !builtins.has(s.split('/')[0]) &&
      !optional.has(s),
  );
}

function stage(app, dir) {
  const appDir = join(repo, 'apps', app);
  const manifest = JSON.parse(readFileSync(join(appDir, 'mcpb', 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
  if (manifest.version !== pkg.version) {
    fail(
      `${app}: manifest.json is at ${manifest.version}, the package at ${pkg.version}: run scripts/release-sync-versions.mjs`,
    );
  }
  if (!existsSync(join(appDir, 'dist', 'bin.js')))
    fail(`${app} is not built (no dist/bin.js): run pnpm run build`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module' }, null, 2)}\n`,
  );
  cpSync(join(appDir, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(appDir, 'dist'), join(dir, 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !source.endsWith('.d.ts'),
  });
  const unbundled = new Map();
  for (const name of readdirSync(join(dir, 'dist'), { recursive: true })) {
    const file = join(dir, 'dist', String(name));
    if (!file.endsWith('.js')) continue;
    for (const specifier of packageImports(file)) unbundled.set(specifier, String(name));
  }
  if (unbundled.size > 0) {
    const list = [...unbundled].map(([specifier, file]) => `${specifier} (dist/${file})`).join(', ');
    fail(`${app}: dist/ imports packages a bundle would not have: ${list}. Bundle them into dist/ first.`);
  }
  return manifest;
}

const apps = readdirSync(join(repo, 'apps'))
  .filter((app) => existsSync(join(repo, 'apps', app, 'mcpb', 'manifest.json')))
  .filter((app) => only === undefined || app === only);
if (apps.length === 0)
  fail(only ? `no app ${only} with mcpb/manifest.json` : 'no app has mcpb/manifest.json');

mkdirSync(out, { recursive: true });
const [command, prefix] = mcpbCommand();
for (const app of apps) {
  const dir = join(out, '.staging', app);
  const manifest = stage(app, dir);
  const bundle = join(out, `${app}-${manifest.version}.mcpb`);
  const packed = spawnSync(command, [...prefix, 'pack', dir, bundle], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (packed.error || packed.status !== 0) {
    fail(`${app}: mcpb pack failed: ${packed.error?.message ?? `${packed.stdout}${packed.stderr}`.trim()}`);
  }
  const sha256 = createHash('sha256').update(readFileSync(bundle)).digest('hex');
  process.stdout.write(`${bundle} sha256 ${sha256}\n`);
}
rmSync(join(out, '.staging'), { recursive: true, force: true });
