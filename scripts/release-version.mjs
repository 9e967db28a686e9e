#!/usr/bin/env node
// The release workflow's version step (changesets/action runs one command, without a shell):
// `changeset version` (package versions and changelogs from the pending changesets), then the
// server.json and bundle manifest versions (release-sync-versions.mjs), then the lockfile.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const isWindows = process.platform === 'win32';

function run(command, args) {
  process.stdout.write(`$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: isWindows });
  if (result.error || result.status !== 0) {
    process.stderr.write(
      `${command} ${args.join(' ')} failed${result.error ? `: ${result.error.message}` : ''}\n`,
    );
    process.exit(result.status || 1);
  }
}

const pnpm = isWindows ? 'pnpm.cmd' : 'pnpm';
run(pnpm, ['exec', 'changeset', 'version']);
run(process.execPath, [join(root, 'scripts', 'release-sync-versions.mjs')]);
run(pnpm, ['install', '--lockfile-only']);
