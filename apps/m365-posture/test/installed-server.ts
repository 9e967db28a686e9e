// A server installed the way a user installs it: its tarball (`pnpm pack`, which writes the real
// versions in place of workspace ones) into an empty folder with plain `npm install`. Offline on
// purpose: a server is one self-contained bundle, so there is nothing to fetch.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface InstalledServer {
  /** The folder npm installed into (its node_modules holds the server and whatever it pulled in). */
  dir: string;
  /** The server's bin, as npx would run it. */
  bin: string;
  /** Bytes on disk under node_modules: the server and every package installed with it. */
  installedBytes: number;
  /** The packages npm installed, by name. */
  packages: string[];
}

const appsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function installPackedServer(name: string, scratch: string): Promise<InstalledServer> {
  return installPacked([name], scratch);
}

/** Several of this workspace's apps installed together; the bin returned is the first one's. */
export async function installPacked(
  names: readonly [string, ...string[]],
  scratch: string,
): Promise<InstalledServer> {
  const packs = join(scratch, 'packs');
  const dir = join(scratch, 'install');
  await mkdir(packs, { recursive: true });
  await mkdir(dir, { recursive: true });
  const tarballs = names.map((app) => {
    const packed = JSON.parse(
      execFileSync('pnpm', ['pack', '--json', '--pack-destination', packs], {
        cwd: join(appsDir, app),
        encoding: 'utf8',
      }),
    ) as { filename: string };
    return packed.filename;
  });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'installed-server', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: dir,
    encoding: 'utf8',
  });
  const modules = join(dir, 'node_modules');
  const [first] = names;
  return {
    dir,
    bin: join(modules, '@m365-mcp', first, 'bin', `${first}.js`),
    installedBytes: await bytesUnder(modules),
    packages: await packagesIn(modules),
  };
}

async function bytesUnder(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await bytesUnder(join(path, entry));
  return total;
}

async function packagesIn(modules: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const scoped of await readdir(join(modules, entry))) names.push(`${entry}/${scoped}`);
    } else names.push(entry);
  }
  return names.sort();
}
