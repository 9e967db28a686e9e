import { readFileSync } from 'node:fs';

/**
 * The `version` of the package.json at `url` (a server passes `new URL('../package.json',
 * import.meta.url)`), read without a schema library so `--version` stays light.
 */
export function readPackageVersion(url: URL): string {
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  const version = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : undefined;
  if (typeof version !== 'string' || version === '') throw new Error(`${url.pathname} has no "version"`);
  return version;
}
