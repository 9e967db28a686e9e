import { defineConfig } from 'tsup';
import { serverBundle } from '../../scripts/server-bundle.mjs';

export default defineConfig(serverBundle({ entry: { index: 'src/index.ts', bin: 'src/bin.ts' } }));
