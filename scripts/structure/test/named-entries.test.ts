// A package's entry is its public API, so it names what it exports: an `export *` would publish
// whatever a module happens to export today, and grow the API without anyone deciding to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, repoRoot, withoutComments, workspacePackages } from './source-files.ts';

/** The source file behind each export of a package (the "@m365-mcp/source" condition). */
function entrySources(pkg: string): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, pkg, 'package.json'), 'utf8')) as {
    exports?: Record<string, Record<string, string>>;
  };
  return Object.values(manifest.exports ?? {}).flatMap((conditions) => {
    const source = conditions['@m365-mcp/source'];
    return source ? [join(pkg, source).split('\\').join('/')] : [];
  });
}

describe('package entries', () => {
  const entries = workspacePackages().flatMap(entrySources);

  it('are found for every package', () => {
    expect(entries).toContain('packages/graph-sim/src/index.ts');
    expect(entries).toContain('packages/mcp-kit/src/testing/index.ts');
    expect(entries.length).toBeGreaterThanOrEqual(workspacePackages().length);
  });

  it('export named items only (no export *)', () => {
    const starred = entries.filter((entry) => /export\s*\*/.test(withoutComments(readSource(entry))));
    expect(starred).toEqual([]);
  });
});
