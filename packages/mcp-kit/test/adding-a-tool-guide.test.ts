// ADDING-A-TOOL.md quotes its code from files the typecheck compiles and the tests run. A block
// marked `<!-- quote: <file>[#<region>] -->` must equal that file (or the lines between its
// `// #region <name>` and `// #endregion <name>` markers, dedented, markers of inner regions left
// out), so the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const guide = readFileSync(join(packageRoot, 'ADDING-A-TOOL.md'), 'utf8');
const marker = /^\s*\/\/ #(end)?region \S+\s*$/;

export function quotedRegion(text: string, region: string | undefined): string {
  let lines = text.replace(/\n+$/, '').split('\n');
  if (region) {
    const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
    const end = lines.findIndex((l) => l.trim() === `// #endregion ${region}`);
    if (start < 0 || end < start) throw new Error(`no region "${region}"`);
    lines = lines.slice(start + 1, end);
  }
  lines = lines.filter((l) => !marker.test(l));
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

const quotes = [...guide.matchAll(/<!-- quote: ([^#\s]+)(?:#(\S+))? -->\n```ts\n([\s\S]*?)\n```/g)].map(
  ([, file, region, block]) => ({ file: file as string, region, block: block as string }),
);

describe('ADDING-A-TOOL.md', () => {
  it('quotes the example files', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(7);
    // Every ts block is a quote: none is written by hand, where it could rot.
    expect(guide.match(/```ts\n/g)?.length).toBe(quotes.length);
  });

  it.each(quotes.map((q) => [`${q.file}${q.region ? `#${q.region}` : ''}`, q] as const))(
    'quotes %s as it is',
    (_, { file, region, block }) => {
      expect(block).toBe(quotedRegion(readFileSync(join(packageRoot, file), 'utf8'), region));
    },
  );

  it('cuts regions as it says', () => {
    const text =
      'a\n  // #region r\n  b\n  // #region inner\n    c\n  // #endregion inner\n  // #endregion r\n';
    expect(quotedRegion(text, 'r')).toBe('b\n  c');
    expect(() => quotedRegion(text, 'missing')).toThrow('no region');
  });
});
