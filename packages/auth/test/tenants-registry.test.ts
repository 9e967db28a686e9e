import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  loadTenantRegistry,
  parseTenantRegistry,
  TENANTS_FILE_VARIABLE,
} from '../src/index.js';

const CONTOSO = '11111111-1111-4111-8111-111111111111';
const FABRIKAM = '22222222-2222-4222-8222-222222222222';
const APP = '33333333-3333-4333-8333-333333333333';
// Shaped like an Entra client secret (3 characters, a digit, "Q~", 34 more); not a real one.
const CLIENT_SECRET = 'abc8Q~Zk1vW2xY3zA4bC5dE6fG7hI8jK9lM0nOpQ';
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

type Json = Record<string, unknown>;

function registry(overrides: Json = {}, tenants?: Json[]): string {
  return JSON.stringify({
    signIn: { clientId: APP, certificateFile: 'msp-app.pem' },
    tenants: tenants ?? [
      { name: 'contoso', tenantId: CONTOSO, displayName: 'Contoso Ltd' },
      { name: 'fabrikam', tenantId: FABRIKAM, cloud: 'usgov' },
    ],
    ...overrides,
  });
}

function refusal(text: string, source = '/etc/m365/tenants.json'): ConfigurationError {
  try {
    parseTenantRegistry(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).variables).toEqual([TENANTS_FILE_VARIABLE]);
    return error as ConfigurationError;
  }
  throw new Error('the registry was accepted');
}

describe('parseTenantRegistry accepts a valid registry', () => {
  it('keeps the entries, the shared sign-in, and the folder relative paths are resolved against', () => {
    const parsed = parseTenantRegistry(
      registry({ $schema: './node_modules/@m365-mcp/auth/tenants.schema.json' }),
      '/etc/m365/tenants.json',
    );
    expect(parsed).toEqual({
      source: '/etc/m365/tenants.json',
      directory: '/etc/m365',
      signIn: { clientId: APP, certificateFile: 'msp-app.pem' },
      tenants: [
        { name: 'contoso', tenantId: CONTOSO, displayName: 'Contoso Ltd' },
        { name: 'fabrikam', tenantId: FABRIKAM, cloud: 'usgov' },
      ],
    });
  });

  it('without a shared sign-in when every tenant has its own', () => {
    const parsed = parseTenantRegistry(
      JSON.stringify({
        tenants: [
          { name: 'contoso', tenantId: CONTOSO, signIn: { clientId: APP, secretEnv: 'CONTOSO_SECRET' } },
        ],
      }),
      'tenants.json',
    );
    expect(parsed.signIn).toBeUndefined();
    expect(parsed.tenants[0]?.signIn).toEqual({ clientId: APP, secretEnv: 'CONTOSO_SECRET' });
  });

  it('each credential kind on its own', () => {
    for (const credential of [
      { certificateFile: 'a.pem', certificatePasswordEnv: 'CERT_PASSWORD' },
      { secretEnv: 'MSP_SECRET' },
      { secretFile: '/run/secrets/msp' },
      { keyVault: { vaultUrl: 'https://msp.vault.azure.net', secretName: 'msp-app-secret' } },
      { federatedTokenFile: '/var/run/secrets/azure/tokens/azure-identity-token' },
    ]) {
      const parsed = parseTenantRegistry(registry({ signIn: { clientId: APP, ...credential } }), 't.json');
      expect(parsed.signIn).toEqual({ clientId: APP, ...credential });
    }
  });
});

describe('parseTenantRegistry refuses, naming the file, the entry and the field', () => {
  it.each([
    [
      'an unknown key in an entry',
      registry({}, [{ name: 'contoso', tenantId: CONTOSO, tenant_id: CONTOSO }]),
      'tenants[0] "contoso" has unknown key "tenant_id".',
    ],
    ['an unknown top-level key', registry({ tenantz: [] }), 'the file has unknown key "tenantz".'],
    [
      'an unknown sign-in key',
      registry({ signIn: { clientId: APP, certificateFile: 'a.pem', secretenv: 'X' } }),
      'signIn has unknown key "secretenv".',
    ],
    [
      'a name with upper case',
      registry({}, [{ name: 'Contoso', tenantId: CONTOSO }]),
      'tenants[0], name must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit.',
    ],
    [
      'a name starting with a dash',
      registry({}, [{ name: '-contoso', tenantId: CONTOSO }]),
      'tenants[0], name must be 1 to 63',
    ],
    [
      'a name of 64 characters',
      registry({}, [{ name: 'a'.repeat(64), tenantId: CONTOSO }]),
      'tenants[0], name must be 1 to 63',
    ],
    [
      'a missing name',
      registry({}, [{ tenantId: CONTOSO }]),
      'tenants[0], name is missing: it must be the short name used to pick the tenant.',
    ],
    [
      'a tenant id that is not a GUID',
      registry({}, [{ name: 'contoso', tenantId: 'contoso.onmicrosoft.com' }]),
      'tenants[0] "contoso", tenantId must be the tenant\'s directory id, a GUID.',
    ],
    [
      'a duplicate name',
      registry({}, [
        { name: 'contoso', tenantId: CONTOSO },
        { name: 'contoso', tenantId: FABRIKAM },
      ]),
      'tenants[1] "contoso", name is also the name of tenants[0]: names must be unique.',
    ],
    [
      'a duplicate tenant id, whatever its case',
      registry({}, [
        { name: 'contoso', tenantId: CONTOSO },
        { name: 'contoso-2', tenantId: CONTOSO.toUpperCase() },
      ]),
      'tenants[1] "contoso-2", tenantId is also the tenant id of tenants[0]: each tenant is listed once.',
    ],
    [
      'an unknown cloud',
      registry({}, [{ name: 'contoso', tenantId: CONTOSO, cloud: 'usgovhigh' }]),
      'tenants[0] "contoso", cloud must be one of global, usgov, usgov-dod, china.',
    ],
    ['no tenants', registry({}, []), 'tenants lists no tenant: add at least one.'],
    [
      'a sign-in without a client id',
      registry({ signIn: { certificateFile: 'a.pem' } }),
      "signIn.clientId is missing: it must be the app registration's client (application) id, a GUID.",
    ],
    [
      'a client id that is not a GUID',
      registry({ signIn: { clientId: 'msp-app', certificateFile: 'a.pem' } }),
      "signIn.clientId must be the app registration's client (application) id, a GUID.",
    ],
    [
      'a sign-in with no credential',
      registry({}, [{ name: 'contoso', tenantId: CONTOSO, signIn: { clientId: APP } }]),
      'tenants[0] "contoso", signIn names no credential: add one of certificateFile, secretEnv, secretFile, keyVault, federatedTokenFile (certificateFile is recommended).',
    ],
    [
      'a sign-in with two credentials',
      registry({ signIn: { clientId: APP, certificateFile: 'a.pem', secretEnv: 'MSP_SECRET' } }),
      'signIn names 2 credentials (certificateFile, secretEnv): keep exactly one.',
    ],
    [
      'a certificate password without a certificate',
      registry({ signIn: { clientId: APP, secretEnv: 'MSP_SECRET', certificatePasswordEnv: 'P' } }),
      'signIn.certificatePasswordEnv is only for a certificateFile, and this sign-in names none.',
    ],
    [
      'a variable name that is not one',
      registry({ signIn: { clientId: APP, secretEnv: 'my secret' } }),
      'signIn.secretEnv must be the name of the environment variable holding a client secret (letters, digits, _), not the value.',
    ],
    [
      'a Key Vault over http',
      registry({
        signIn: { clientId: APP, keyVault: { vaultUrl: 'http://msp.vault.azure.net', secretName: 's' } },
      }),
      "signIn.keyVault.vaultUrl must be the vault's https URL",
    ],
    [
      'a tenant that cannot sign in',
      JSON.stringify({ tenants: [{ name: 'contoso', tenantId: CONTOSO }] }),
      'tenants[0] "contoso" has no signIn and the registry names none: add "signIn" to the registry (the multi-tenant app) or to this entry.',
    ],
  ])('%s', (_what, text, expected) => {
    const error = refusal(text);
    expect(error.message).toContain('The tenants registry "/etc/m365/tenants.json" is not valid:');
    expect(error.message).toContain(expected);
  });

  it('lists at most ten problems and counts the rest', () => {
    const tenants = Array.from({ length: 14 }, (_, index) => ({ name: `t${index}`, tenantId: 'nope' }));
    const message = refusal(registry({}, tenants)).message;
    expect(message.match(/ {2}- tenants\[/g)).toHaveLength(10);
    expect(message).toContain('and 4 more problems.');
  });
});

describe('a secret in clear is refused without being echoed, with where secrets go', () => {
  it.each([
    [
      'clientSecret in the shared sign-in',
      { signIn: { clientId: APP, clientSecret: CLIENT_SECRET } },
      'signIn.clientSecret holds a "clientSecret" value in clear.',
    ],
    [
      'secret',
      { signIn: { clientId: APP, secret: 'hunter2-but-longer' } },
      'signIn.secret holds a "secret" value in clear.',
    ],
    [
      'password',
      { signIn: { clientId: APP, certificateFile: 'a.pem', password: 'p@ss' } },
      'signIn.password holds a "password" value in clear.',
    ],
    [
      'certificate as PEM text',
      { signIn: { clientId: APP, certificate: PEM_KEY } },
      'signIn.certificate holds a "certificate" value in clear.',
    ],
    [
      'a client secret where a variable name goes',
      { signIn: { clientId: APP, secretEnv: CLIENT_SECRET } },
      'signIn.secretEnv holds a client secret in clear.',
    ],
    [
      'a private key in a display name',
      {},
      'tenants[0] "contoso", displayName holds a PEM private key in clear.',
    ],
    [
      'a token as a file path',
      { signIn: { clientId: APP, federatedTokenFile: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' } },
      'signIn.federatedTokenFile holds an access token in clear.',
    ],
  ])('%s', (what, overrides, expected) => {
    const text =
      what === 'a private key in a display name'
        ? registry({}, [{ name: 'contoso', tenantId: CONTOSO, displayName: PEM_KEY }])
        : registry(overrides);
    const message = refusal(text).message;
    expect(message).toContain(expected);
    expect(message).toContain('A registry names where a secret is, never the secret');
    expect(message).toContain('"secretEnv" (an environment variable)');
    for (const secret of [CLIENT_SECRET, 'hunter2', 'p@ss', 'MIIEvQ', 'eyJhbGci']) {
      expect(message).not.toContain(secret);
    }
  });

  it('an older-style secret (a run with "~") in an entry', () => {
    const older = 'Xy7~kP2.qR9_vT4-mN8~zW3.bL6_hJ1-gF5';
    const message = refusal(
      registry({}, [{ name: 'contoso', tenantId: CONTOSO, signIn: { clientId: APP, secretFile: older } }]),
    ).message;
    expect(message).toContain('tenants[0] "contoso", signIn.secretFile holds a client secret in clear.');
    expect(message).not.toContain(older);
  });

  it('paths, names and variable names are not mistaken for secrets', () => {
    const parsed = parseTenantRegistry(
      registry({}, [
        {
          name: 'northwind-traders-2025',
          tenantId: CONTOSO,
          displayName: 'Northwind ~ Traders (EMEA) 2025',
          signIn: { clientId: APP, certificateFile: '/home/ops/~certs/northwind-traders-2025-graph.pem' },
        },
        {
          name: 'fabrikam',
          tenantId: FABRIKAM,
          signIn: {
            clientId: APP,
            keyVault: { vaultUrl: 'https://msp.vault.azure.net', secretName: 'Fabrikam-Graph-Secret-2025' },
          },
        },
      ]),
      't.json',
    );
    expect(parsed.tenants).toHaveLength(2);
  });
});

describe('loadTenantRegistry', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-tenants-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and resolves its folder', async () => {
    const path = join(dir, 'tenants.json');
    await writeFile(path, `\uFEFF${registry()}`);
    const loaded = await loadTenantRegistry(path);
    expect(loaded.source).toBe(path);
    expect(loaded.directory).toBe(dir);
    expect(loaded.tenants.map((tenant) => tenant.name)).toEqual(['contoso', 'fabrikam']);
  });

  it('a missing file says so and names the variable', async () => {
    const path = join(dir, 'missing.json');
    await expect(loadTenantRegistry(path)).rejects.toThrow(
      `The tenants registry "${path}" does not exist: check M365_TENANTS_FILE or --tenants.`,
    );
  });

  it('a folder is not a registry', async () => {
    await expect(loadTenantRegistry(dir)).rejects.toThrow(
      `The tenants registry "${dir}" is a folder, not a file`,
    );
  });

  it('bad JSON gives the line and column, and never quotes the text', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, `{\n  "signIn": { "clientId": "${APP}", "secretEnv": "X" },\n  "tenants": [,]\n}`);
    await expect(loadTenantRegistry(path)).rejects.toThrow(
      new RegExp(`The tenants registry "${path}" is not valid JSON( at line 3, column \\d+)?: `),
    );
    const unquoted = join(dir, 'unquoted.json');
    await writeFile(unquoted, `{ "signIn": { "clientSecret": ${CLIENT_SECRET} } }`);
    const error = await loadTenantRegistry(unquoted).then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toContain('is not valid JSON');
    expect(error?.message).not.toContain(CLIENT_SECRET);
    const trailing = join(dir, 'trailing.json');
    await writeFile(trailing, '{\n  "tenants": [],\n}');
    await expect(loadTenantRegistry(trailing)).rejects.toThrow(
      `The tenants registry "${trailing}" is not valid JSON at line 3, column 1: Expected double-quoted property name.`,
    );
  });
});
