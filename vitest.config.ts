import { defineConfig } from 'vitest/config';

// One run over every package, so the suite ends with one set of counts.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'scripts/structure/vitest.config.ts',
      'deploy/vitest.config.ts',
    ],
  },
});
