import { defineConfig } from 'tsup';

// Add 'src/bin.ts' to the entries once the server has its command line.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node22',
  dts: true,
  sourcemap: true,
  clean: true,
});
