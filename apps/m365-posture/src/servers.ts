// Finds the m365-mcp servers that are present: in this workspace (apps/<name>, next to posture)
// or installed beside posture as packages. A server counts as present only once it is built,
// because posture runs its bin.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const KNOWN_SERVERS = [
  'm365-security',
  'm365-identity',
  'm365-sharepoint',
  'm365-compliance',
] as const;

export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
}

const manifestSchema = z.object({ bin: z.union([z.string(), z.record(z.string(), z.string())]).optional() });

/** The folder of the package a file belongs to: the nearest one above it with a package.json. */
function packageRootOf(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function packageDirCandidates(name: string): string[] {
  const candidates: string[] = [];
  // In this workspace the servers are posture's siblings (apps/<name>), wherever this module was
  // built to (src/, dist/ or dist/lib/).
  const posture = packageRootOf(fileURLToPath(import.meta.url));
  if (posture !== undefined) candidates.push(resolve(posture, '..', name));
  try {
    // Installed beside posture: found the way an import would find it (the servers export no
    // package.json, so their entry is resolved and its package folder taken).
    const installed = packageRootOf(fileURLToPath(import.meta.resolve(`@m365-mcp/${name}`)));
    if (installed !== undefined) candidates.push(installed);
  } catch {
    // not installed as a package: the workspace folder is the only candidate
  }
  return candidates;
}

function binOf(packageDir: string, name: string): string | undefined {
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!manifest.success || !manifest.data.bin) return undefined;
  const bin = typeof manifest.data.bin === 'string' ? manifest.data.bin : manifest.data.bin[name];
  return bin ? join(packageDir, bin) : undefined;
}

/** The known servers that are present and built, as commands to start them over stdio. */
export function discoverServers(names: readonly string[] = KNOWN_SERVERS): ServerCommand[] {
  const found: ServerCommand[] = [];
  for (const name of names) {
    for (const dir of packageDirCandidates(name)) {
      const bin = binOf(dir, name);
      // The committed launcher imports dist/bin.js: without a build the server is not runnable.
      if (bin && existsSync(bin) && existsSync(join(dir, 'dist', 'bin.js'))) {
        found.push({ name, command: process.execPath, args: [bin] });
        break;
      }
    }
  }
  return found;
}

/** A server given on the command line as a shell-free command string: `name=node path/to/bin.js`. */
export function parseServerOption(value: string): ServerCommand {
  const match = /^([a-z0-9-]+)=(.+)$/i.exec(value.trim());
  if (!match?.[1] || !match[2]) {
    throw new Error(`--server expects name=command (e.g. m365-security=node ./bin.js), got "${value}"`);
  }
  const [command, ...args] = match[2].split(/\s+/);
  if (!command) throw new Error(`--server ${match[1]} has no command`);
  return { name: match[1], command, args };
}
