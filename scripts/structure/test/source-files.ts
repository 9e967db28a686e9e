// The repository's TypeScript sources, read as text, for the structure checks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** packages/* and apps/*, as paths relative to the repository root. */
export function workspacePackages(): string[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(repoRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${group}/${entry.name}`),
  );
}

/** Every .ts file below a folder (relative to the repository root), without node_modules or dist. */
export function typeScriptFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  walk(folder);
  return out.sort();
}

/** The `src/` sources of every package and app. */
export function packageSources(): string[] {
  return workspacePackages().flatMap((pkg) => typeScriptFiles(`${pkg}/src`));
}

export function readSource(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

export function relativeToRoot(path: string): string {
  return relative(repoRoot, path).split('\\').join('/');
}

/** A file's text with its comments blanked out, so a check reads code, not prose about it. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}
