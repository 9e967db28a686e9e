import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `version` of the package a module belongs to: the nearest package.json above `moduleUrl` (a
 * server passes `import.meta.url`), so it holds from the sources, the bundle and the library build
 * alike. Read without a schema library so `--version` stays light.
 */
export function readPackageVersion(moduleUrl: string): string {
  const manifest = nearestPackageJson(dirname(fileURLToPath(moduleUrl)));
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : undefined;
  if (typeof version !== 'string' || version === '') throw new Error(`${manifest} has no "version"`);
  return version;
}

function nearestPackageJson(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
