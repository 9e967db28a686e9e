import { createRequire } from 'node:module';
import { join } from 'node:path';

interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<unknown>;
}

/**
 * Bundles the sample bin (or another bin of fixtures/, by its name) into one plain .mjs file
 * (workspace packages from their TypeScript sources, through their `@m365-mcp/source` export
 * condition), so the stdio test runs a real `node bin.mjs` process without tsx or a prior build.
 * esbuild comes with the workspace's tsup.
 */
export async function buildSampleBin(outDir: string, fixture = 'sample-bin'): Promise<string> {
  const require = createRequire(import.meta.url);
  const esbuild = require(createRequire(require.resolve('tsup')).resolve('esbuild')) as EsbuildApi;
  const outfile = join(outDir, fixture === 'sample-bin' ? 'm365-sample.mjs' : `${fixture}.mjs`);
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'fixtures', `${fixture}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    conditions: ['@m365-mcp/source'],
    logLevel: 'error',
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return outfile;
}
