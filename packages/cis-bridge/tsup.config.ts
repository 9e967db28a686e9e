import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node22',
  dts: true,
  sourcemap: true,
  clean: true,
  // node:sqlite exists only under its node: name; tsup would otherwise strip the prefix.
  removeNodeProtocol: false,
});
