// The registry file's JSON Schema, for editors (completion, hover text, red squiggles), generated
// from the zod schema so the two cannot disagree. scripts/write-tenants-schema.mjs writes it to
// tenants.schema.json; a test fails when that file is stale.
import { z } from 'zod';
import { CREDENTIAL_KEYS, tenantRegistrySchema, tenantSignInSchema } from './registry-schema.js';

export function tenantRegistryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(tenantRegistrySchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema !== tenantSignInSchema) return;
      // The rules zod checks in code, said the way JSON Schema can: exactly one credential kind,
      // and a certificate password only beside a certificate.
      jsonSchema.oneOf = CREDENTIAL_KEYS.map((key) => ({ required: [key] }));
      jsonSchema.dependentRequired = { certificatePasswordEnv: ['certificateFile'] };
    },
  });
  return { title: 'm365-mcp tenants registry', ...schema };
}
