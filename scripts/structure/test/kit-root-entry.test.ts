// mcp-kit's root entry is the tool kit: what every server's tools import. The HTTP server and the
// demo simulator are subpath exports, so the built root must not reach them, or every server would
// load them to define a tool.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './source-files.ts';

const dist = join(repoRoot, 'packages', 'mcp-kit', 'dist');

/** Every built file the entry reaches through static and dynamic relative imports, and the packages it names. */
function reach(entry: string): { files: string[]; specifiers: Set<string> } {
  const files: string[] = [];
  const specifiers = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
      const specifier = match[1] as string;
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else specifiers.add(specifier);
    }
  }
  return { files, specifiers };
}

describe("mcp-kit's built root entry", () => {
  const entry = join(dist, 'index.js');

  it('is built (the suite runs after the build)', () => {
    expect(existsSync(entry)).toBe(true);
  });

  it('reaches neither the simulator nor the HTTP server', () => {
    const { files, specifiers } = reach(entry);
    expect([...specifiers].filter((s) => s.startsWith('@m365-mcp/graph-sim'))).toEqual([]);
    const http = files.filter((file) =>
      /startHttpServer|StreamableHTTPServerTransport/.test(readFileSync(file, 'utf8')),
    );
    expect(http.map((file) => file.slice(dist.length + 1))).toEqual([]);
  });

  it('sees what it looks for: the demo and HTTP entries do reach them', () => {
    expect(reach(join(dist, 'cli', 'demo.js')).specifiers.has('@m365-mcp/graph-sim')).toBe(true);
    const httpFiles = reach(join(dist, 'http', 'index.js')).files;
    expect(httpFiles.some((file) => /startHttpServer/.test(readFileSync(file, 'utf8')))).toBe(true);
  });
});
