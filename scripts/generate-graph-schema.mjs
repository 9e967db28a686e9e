#!/usr/bin/env node
// Writes graph-sim's per-version Graph schema (the types, enums and query capabilities its routes
// reach) from Microsoft's metadata. Run it after changing a route or refreshing the metadata:
//
//   node scripts/generate-graph-schema.mjs [path/to/graph-metadata]
//
// It reads the routes from graph-sim's TypeScript source (Node's type transform, no build needed).
// A graph-sim test regenerates the schema the same way and fails when it differs from the
// committed files, so they cannot drift from the routes or from the metadata.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateGraphSchema } from './graph-schema/generate.mjs';

const TRANSFORM = '--experimental-transform-types';
if (!process.execArgv.includes(TRANSFORM)) {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [TRANSFORM, '--no-warnings', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

// The source imports `./x.js` for `./x.ts`, as TypeScript's NodeNext resolution wants.
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js'))
        return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const reference = resolve(
  process.argv[2] ??
    [join(root, '..', 'shared', 'reference', 'graph-metadata'), '/work/shared/reference/graph-metadata'].find(
      (dir) => existsSync(dir),
    ) ??
    join(root, '..', 'shared', 'reference', 'graph-metadata'),
);
const { allRoutes } = await import(join(root, 'packages', 'graph-sim', 'src', 'routes', 'index.ts'));

const schema = generateGraphSchema({ reference, routes: allRoutes });
for (const [version, content] of Object.entries(schema)) {
  const file = join(root, 'packages', 'graph-sim', 'src', 'schema', `graph-schema.${version}.generated.json`);
  writeFileSync(file, `${JSON.stringify(content)}\n`);
  process.stdout.write(
    `${file}: ${Object.keys(content.routes).length} routes, ${Object.keys(content.types).length} types, ${Object.keys(content.enums).length} enums\n`,
  );
}
