#!/usr/bin/env node
// Keeps each server's registry and bundle files at its package's version. `changeset version`
// bumps only package.json; the release workflow runs this right after it.
//
//   node scripts/release-sync-versions.mjs [--check] [--root <repo>]
//
// Without --check it rewrites the versions that differ (apps/<server>/server.json: `version` and
// its npm package's `version`; apps/<server>/mcpb/manifest.json: `version`). With --check it
// changes nothing, names every file whose version drifted and exits 1.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootIndex = args.indexOf('--root');
const root =
  rootIndex >= 0 ? resolve(args[rootIndex + 1]) : resolve(fileURLToPath(new URL('..', import.meta.url)));

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const drifted = [];

for (const app of readdirSync(join(root, 'apps')).sort()) {
  const packageFile = join(root, 'apps', app, 'package.json');
  if (!existsSync(packageFile)) continue;
  const pkg = readJson(packageFile);

  const serverFile = join(root, 'apps', app, 'server.json');
  if (existsSync(serverFile)) {
    sync(serverFile, pkg, (doc) => [
      ['version', doc.version],
      ...(doc.packages ?? [])
        .filter((entry) => entry.registryType === 'npm' && entry.identifier === pkg.name)
        .map((entry) => ['packages[npm].version', entry.version]),
    ]);
  }

  const manifestFile = join(root, 'apps', app, 'mcpb', 'manifest.json');
  if (existsSync(manifestFile)) sync(manifestFile, pkg, (doc) => [['version', doc.version]]);
}

// versions(doc) lists [label, version] for each version field of the file. The file is edited as
// text, only its "version" values, so its formatting (the linter's) stays as it is.
function sync(file, pkg, versions) {
  const text = readFileSync(file, 'utf8');
  const stale = versions(JSON.parse(text)).filter(([, current]) => current !== pkg.version);
  if (stale.length === 0) return;
  const where = relative(root, file);
  for (const [label, current] of stale) {
    drifted.push(`${where}: ${label} is ${current}, ${pkg.name} is ${pkg.version}`);
  }
  if (check) return;
  let updated = text;
  for (const [, current] of stale) {
    updated = updated.replaceAll(
      `"version": ${JSON.stringify(current)}`,
      `"version": ${JSON.stringify(pkg.version)}`,
    );
  }
  const left = versions(JSON.parse(updated)).filter(([, current]) => current !== pkg.version);
  if (left.length > 0) {
    process.stderr.write(
      `${where}: could not set ${left.map(([label]) => label).join(', ')}; edit it by hand\n`,
    );
    process.exit(1);
  }
  writeFileSync(file, updated);
  process.stdout.write(`${where}: version ${pkg.version}\n`);
}

if (check && drifted.length > 0) {
  process.stderr.write(
    `${drifted.join('\n')}\nRun: node scripts/release-sync-versions.mjs (after changeset version)\n`,
  );
  process.exit(1);
}
