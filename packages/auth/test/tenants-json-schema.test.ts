import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tenantRegistryJsonSchema } from '../src/index.js';

const FILE = new URL('../tenants.schema.json', import.meta.url);

describe('tenants.schema.json (the registry schema for editors)', () => {
  it('is the one the zod schema generates', () => {
    // Compared as data: the file's layout is the formatter's.
    const written: unknown = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(
      written,
      'packages/auth/tenants.schema.json is stale: run `pnpm --filter @m365-mcp/auth schema`.',
    ).toEqual(tenantRegistryJsonSchema());
  });

  it('says what the code checks: strict objects, one credential kind, the name rule', () => {
    const schema = tenantRegistryJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      properties: {
        signIn: { oneOf: { required: string[] }[]; dependentRequired: Record<string, string[]> };
        tenants: {
          minItems: number;
          items: { properties: { name: { pattern: string } }; required: string[] };
        };
      };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['tenants']);
    expect(schema.properties.signIn.oneOf.map((branch) => branch.required[0])).toEqual([
      'certificateFile',
      'secretEnv',
      'secretFile',
      'keyVault',
      'federatedTokenFile',
    ]);
    expect(schema.properties.signIn.dependentRequired).toEqual({
      certificatePasswordEnv: ['certificateFile'],
    });
    expect(schema.properties.tenants.minItems).toBe(1);
    expect(schema.properties.tenants.items.required).toEqual(['name', 'tenantId']);
    expect(schema.properties.tenants.items.properties.name.pattern).toBe('^[a-z0-9][a-z0-9-]{0,62}$');
  });
});
