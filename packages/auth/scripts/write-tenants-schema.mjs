// Writes tenants.schema.json (the tenants registry's JSON Schema, for editors) from the zod schema
// in the built package, formatted by the repository's formatter (biome) so `biome ci` accepts it.
// test/tenants-json-schema.test.ts fails when the file is stale.
//   pnpm --filter @m365-mcp/auth schema
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tenantRegistryJsonSchema } from '../dist/index.js';

const file = fileURLToPath(new URL('../tenants.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(tenantRegistryJsonSchema(), null, 2)}\n`);
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', file], { stdio: 'inherit' });
console.log(`Wrote ${file}.`);
