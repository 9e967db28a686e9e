import { defineProject } from 'vitest/config';

// Workspace packages resolve each other to their TypeScript sources (our own
// "@m365-mcp/source" export condition, named so no package in node_modules answers to it, as some
// do to a plain "source"), so tests never run against a stale build. `import` and `require` are
// left to the resolver, which picks the one matching each import: forcing `import` handed a CommonJS
// package's require() (pg requiring pg-pool) an ES module.
export function packageTestConfig(name: string) {
  return defineProject({
    resolve: { conditions: ['@m365-mcp/source', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@m365-mcp/source', 'node', 'default'] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  });
}
