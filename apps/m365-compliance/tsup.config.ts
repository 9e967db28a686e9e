import { defineConfig } from 'tsup';
import { serverBundle } from '../../scripts/server-bundle.mjs';

export default defineConfig(serverBundle({ bin: 'src/bin.ts', library: 'src/index.ts' }));
