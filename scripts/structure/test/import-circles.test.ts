// No module of a package imports itself through others: a circle makes load order decide what is
// defined, and makes a file impossible to read or move alone. Type-only imports count too, since a
// circle of types is the same tangle of responsibilities.
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, repoRoot, typeScriptFiles, withoutComments, workspacePackages } from './source-files.ts';

const importPattern = /(?:import|export)\s[^;]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

/** The package-local modules a file imports, as paths relative to the repository root. */
export function localImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const match of withoutComments(text).matchAll(importPattern)) {
    const specifier = (match[1] ?? match[2]) as string;
    const target = normalize(join(dirname(file), specifier.replace(/\.js$/, '.ts')))
      .split('\\')
      .join('/');
    if (existsSync(join(repoRoot, target))) out.push(target);
  }
  return out;
}

/** Every circle in a graph of modules, each once, starting from its first module in sort order. */
export function findCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const circles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const circle = stack.slice(stack.indexOf(next));
        const first = [...circle].sort()[0] as string;
        const start = circle.indexOf(first);
        const rotated = [...circle.slice(start), ...circle.slice(0, start)];
        circles.set(rotated.join(' -> '), rotated);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...circles.values()];
}

describe('import circles', () => {
  it('are found when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(
      localImports('apps/m365-posture/src/progress.ts', "import type { X } from './progress-reporter.js';"),
    ).toEqual(['apps/m365-posture/src/progress-reporter.ts']);
  });

  it.each(workspacePackages())('none in %s/src', (pkg) => {
    const files = typeScriptFiles(`${pkg}/src`);
    const graph = new Map(files.map((file) => [file, localImports(file, readSource(file))]));
    expect(findCircles(graph).map((circle) => [...circle, circle[0]].join(' -> '))).toEqual([]);
  });
});
