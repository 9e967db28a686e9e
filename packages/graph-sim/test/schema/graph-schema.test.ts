// The schema graph-sim enforces is Microsoft's, for exactly the routes graph-sim serves: regenerated
// here from the metadata and the source routes, it must equal the committed files (run
// `node scripts/generate-graph-schema.mjs` after changing a route).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateGraphSchema } from '../../../../scripts/graph-schema/generate.mjs';
import { allRoutes } from '../../src/index.js';
import { graphSchema } from '../../src/schema/graph-schema.js';

// Beside the checkout (../shared), as on the development machine, or at the machine's shared copy
// (where CI clones elsewhere), as the other reference-reading tests find it.
const reference = [
  fileURLToPath(new URL('../../../../../shared/reference/graph-metadata', import.meta.url)),
  '/work/shared/reference/graph-metadata',
].find((dir) => existsSync(dir)) as string;

function committed(version: string): unknown {
  const file = new URL(`../../src/schema/graph-schema.${version}.generated.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('graph schema', () => {
  it('is what the metadata says for the routes graph-sim serves, in both versions', () => {
    const generated = generateGraphSchema({ reference, routes: allRoutes });
    expect(generated['v1.0']).toEqual(committed('v1.0'));
    expect(generated.beta).toEqual(committed('beta'));
  });

  it('knows a beta-only property from a v1.0 one', () => {
    const v1 = graphSchema('v1.0');
    const beta = graphSchema('beta');
    expect(v1.member('microsoft.graph.unifiedRoleDefinition', 'isPrivileged')).toBeUndefined();
    expect(beta.member('microsoft.graph.unifiedRoleDefinition', 'isPrivileged')?.type).toBe('Edm.Boolean');
    expect(
      Object.keys(v1.type('microsoft.graph.microsoftAuthenticatorFeatureSettings')?.properties ?? {}),
    ).toEqual(['displayAppInformationRequiredState', 'displayLocationInformationRequiredState']);
    expect(
      beta.member('microsoft.graph.microsoftAuthenticatorFeatureSettings', 'numberMatchingRequiredState'),
    ).toBeDefined();
    // Inherited members resolve through the base types.
    expect(v1.member('microsoft.graph.user', 'deletedDateTime')?.owner).toBe(
      'microsoft.graph.directoryObject',
    );
  });

  it('carries the capability restrictions Graph declares for a collection', () => {
    const v1 = graphSchema('v1.0');
    expect(v1.route('GET', '/users')?.capabilities).toEqual({ skip: false, consistencyLevel: 'eventual' });
    expect(v1.route('GET', '/identityProtection/riskDetections')?.capabilities).toMatchObject({
      countable: false,
    });
    expect(v1.route('GET', '/groups/{id}/members')?.type).toBe('microsoft.graph.directoryObject');
  });

  it('has the enum members of each version', () => {
    const members = graphSchema('v1.0').enumMembers('microsoft.graph.security.detectionSource') ?? [];
    expect(members).toContain('cloudAppSecurity');
    expect(members).toContain('microsoftDataLossPrevention');
  });
});
