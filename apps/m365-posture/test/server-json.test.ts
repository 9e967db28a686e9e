// Each server's MCP Registry entry (apps/<server>/server.json): valid against the registry's
// published schema (vendored in scripts/schemas/, see its README), naming the npm package that
// carries the same mcpName, at the package's version; the release's version sync keeps it there.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const servers = ['m365-security', 'm365-identity', 'm365-sharepoint', 'm365-compliance'];
const readJson = (path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8'));
const schema = readJson('scripts/schemas/server.schema.2025-12-11.json');
const validate = new AjvJsonSchemaValidator().getValidator<ServerJson>(schema);

interface EnvironmentVariable {
  name: string;
  isRequired?: boolean;
  isSecret?: boolean;
}
interface ServerJson {
  $schema: string;
  name: string;
  description: string;
  version: string;
  repository: { url: string; source: string; subfolder: string };
  packages: Array<{
    registryType: string;
    identifier: string;
    version: string;
    transport: { type: string };
    environmentVariables: EnvironmentVariable[];
  }>;
}

describe.each(servers)('%s server.json', (app) => {
  const doc = readJson(`apps/${app}/server.json`);
  const pkg = readJson(`apps/${app}/package.json`);

  it("validates against the registry's schema, the one its $schema names", () => {
    expect(doc.$schema).toBe(schema.$id);
    const result = validate(doc);
    expect(result.errorMessage).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("names the npm package whose mcpName is the entry's name, at the package's version, on stdio", () => {
    expect(doc.name).toBe(`io.github.m365-mcp/${app}`);
    expect(pkg.mcpName).toBe(doc.name);
    expect(doc.version).toBe(pkg.version);
    const [npm, ...others] = doc.packages;
    expect(others).toEqual([]);
    expect(npm).toMatchObject({
      registryType: 'npm',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });
    expect(doc.repository).toMatchObject({ source: 'github', subfolder: `apps/${app}` });
    expect(pkg.repository.url).toBe(`git+${doc.repository.url}.git`);
  });

  it('asks for the tenant and the app, and marks the secret and the certificate secret', () => {
    const variables = new Map<string, EnvironmentVariable>(
      doc.packages[0].environmentVariables.map((v: EnvironmentVariable) => [v.name, v]),
    );
    expect(variables.get('AZURE_TENANT_ID')).toMatchObject({ isRequired: true });
    expect(variables.get('AZURE_CLIENT_ID')).toMatchObject({ isRequired: true });
    for (const name of [
      'AZURE_CLIENT_SECRET',
      'AZURE_CLIENT_CERTIFICATE_PATH',
      'AZURE_CLIENT_CERTIFICATE_PASSWORD',
    ]) {
      expect(variables.get(name), name).toMatchObject({ isRequired: false, isSecret: true });
    }
  });
});

describe('the schema check itself', () => {
  it('refuses an entry the registry would refuse (too long a description, a "latest" package version)', () => {
    const doc = readJson('apps/m365-security/server.json');
    expect(validate({ ...doc, description: 'x'.repeat(101) }).valid).toBe(false);
    const latest = { ...doc, packages: [{ ...doc.packages[0], version: 'latest' }] };
    expect(validate(latest).valid).toBe(false);
  });
});

describe('scripts/release-sync-versions.mjs', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'sync-versions-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function sync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(repo, 'scripts/release-sync-versions.mjs'), ...args, '--root', scratch],
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('--check fails on a version bumped in package.json only; a sync sets it, keeping the layout', async () => {
    for (const app of servers) {
      for (const file of ['package.json', 'server.json']) {
        cpSync(join(repo, 'apps', app, file), join(scratch, 'apps', app, file));
      }
    }
    expect((await sync(['--check'])).code).toBe(0);

    const packageFile = join(scratch, 'apps/m365-identity/package.json');
    const pkg = JSON.parse(readFileSync(packageFile, 'utf8'));
    writeFileSync(packageFile, JSON.stringify({ ...pkg, version: '9.8.7' }));
    const drift = await sync(['--check']);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain(`apps/m365-identity/server.json: version is ${pkg.version}, `);
    expect(drift.stderr).toContain('packages[npm].version');

    expect((await sync([])).code).toBe(0);
    expect((await sync(['--check'])).code).toBe(0);
    const before = readFileSync(join(repo, 'apps/m365-identity/server.json'), 'utf8');
    const after = readFileSync(join(scratch, 'apps/m365-identity/server.json'), 'utf8');
    expect(after).toBe(before.replaceAll(`"version": "${pkg.version}"`, '"version": "9.8.7"'));
    expect(validate(JSON.parse(after)).valid).toBe(true);
  });
});
