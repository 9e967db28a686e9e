import { defineProject } from 'vitest/config';

// Workspace packages resolve each other to their TypeScript sources (the "source" export
// condition), so tests never run against a stale build.
export function packageTestConfig(name: string) {
  return defineProject({
    resolve: { conditions: ['source', 'import', 'node', 'default'] },
    ssr: { resolve: { conditions: ['source', 'import', 'node', 'default'] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  });
}
