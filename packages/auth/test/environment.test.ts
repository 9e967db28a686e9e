import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, credentialFromEnvironment, credentialSettingsFromEnv } from '../src/index.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET = 'xYz8Q~abcdefghijklmnopqrstuvwxyz0123456';
const CLOUD = {
  name: 'global' as const,
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: 'https://graph.microsoft.com',
  graphScope: 'https://graph.microsoft.com/.default',
};

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

async function asyncConfigurationError(run: () => Promise<unknown>): Promise<ConfigurationError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

describe('which credential the environment selects', () => {
  it('selects each kind from its variable, blank variables counting as unset', () => {
    const app = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT };
    expect(
      credentialSettingsFromEnv({ ...app, AZURE_CLIENT_SECRET: SECRET, M365_ACCESS_TOKEN: ' ' }),
    ).toEqual({
      kind: 'client-secret',
      tenantId: TENANT,
      clientId: CLIENT,
      secret: SECRET,
    });
    expect(credentialSettingsFromEnv({ ...app, AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem' }).kind).toBe(
      'client-certificate',
    );
    expect(credentialSettingsFromEnv({ ...app, AZURE_FEDERATED_TOKEN_FILE: '/t' }).kind).toBe(
      'workload-identity',
    );
    expect(
      credentialSettingsFromEnv({
        ...app,
        AZURE_KEY_VAULT_URL: 'https://kv.vault.azure.net/',
        M365_CLIENT_SECRET_NAME: 'graph-secret',
      }),
    ).toEqual({
      kind: 'key-vault-client-secret',
      tenantId: TENANT,
      clientId: CLIENT,
      vaultUrl: 'https://kv.vault.azure.net',
      secretName: 'graph-secret',
    });
    expect(credentialSettingsFromEnv({ M365_ACCESS_TOKEN: 'eyJ.x.y' }).kind).toBe('access-token');
    expect(credentialSettingsFromEnv({ M365_USE_MANAGED_IDENTITY: 'TRUE' })).toEqual({
      kind: 'managed-identity',
    });
    expect(credentialSettingsFromEnv({ AZURE_CLIENT_ID: CLIENT }, { managedIdentity: true })).toEqual({
      kind: 'managed-identity',
      clientId: CLIENT,
    });
  });

  it('names every variable to set when nothing is configured', () => {
    const error = configurationError(() => credentialSettingsFromEnv({}));
    for (const variable of [
      'AZURE_CLIENT_SECRET',
      'AZURE_CLIENT_CERTIFICATE_PATH',
      'AZURE_FEDERATED_TOKEN_FILE',
      'AZURE_KEY_VAULT_URL',
      'M365_USE_MANAGED_IDENTITY',
      'M365_ACCESS_TOKEN',
      '--demo',
    ]) {
      expect(error.message).toContain(variable);
    }
  });

  it('names the missing tenant or client id', () => {
    expect(
      configurationError(() => credentialSettingsFromEnv({ AZURE_CLIENT_SECRET: SECRET })).variables,
    ).toEqual(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID']);
    const onlyClient = configurationError(() =>
      credentialSettingsFromEnv({ AZURE_CLIENT_SECRET: SECRET, AZURE_TENANT_ID: TENANT }),
    );
    expect(onlyClient.variables).toEqual(['AZURE_CLIENT_ID']);
    expect(onlyClient.message).toMatch(/^AZURE_CLIENT_SECRET needs AZURE_CLIENT_ID/);
  });

  it('refuses two credentials at once, naming both', () => {
    const error = configurationError(() =>
      credentialSettingsFromEnv({
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: SECRET,
        AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem',
      }),
    );
    expect(error.variables).toEqual(['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH']);
    expect(error.message).toContain('set only one');
    expect(
      configurationError(() =>
        credentialSettingsFromEnv({ M365_ACCESS_TOKEN: 'eyJ.x.y', M365_USE_MANAGED_IDENTITY: 'true' }),
      ).variables,
    ).toEqual(['M365_ACCESS_TOKEN', 'M365_USE_MANAGED_IDENTITY']);
  });

  it('reports malformed and stray settings precisely', () => {
    const app = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT };
    const cases: [NodeJS.ProcessEnv, string[], RegExp][] = [
      [{ ...app, AZURE_TENANT_ID: 'not a tenant', AZURE_CLIENT_SECRET: SECRET }, ['AZURE_TENANT_ID'], /GUID/],
      [{ ...app, AZURE_TENANT_ID: 'common', AZURE_CLIENT_SECRET: SECRET }, ['AZURE_TENANT_ID'], /one tenant/],
      [{ ...app, AZURE_CLIENT_ID: 'my-app', AZURE_CLIENT_SECRET: SECRET }, ['AZURE_CLIENT_ID'], /GUID/],
      [
        { ...app, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' },
        ['AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_CLIENT_CERTIFICATE_PASSWORD'],
        /PASSWORD is set/,
      ],
      [
        { ...app, AZURE_KEY_VAULT_URL: 'https://kv.vault.azure.net' },
        ['M365_CLIENT_SECRET_NAME'],
        /set M365_CLIENT_SECRET_NAME/,
      ],
      [{ ...app, M365_CLIENT_SECRET_NAME: 'graph' }, ['AZURE_KEY_VAULT_URL'], /set AZURE_KEY_VAULT_URL/],
      [
        { ...app, AZURE_KEY_VAULT_URL: 'http://kv', M365_CLIENT_SECRET_NAME: 'g' },
        ['AZURE_KEY_VAULT_URL'],
        /https/,
      ],
      [
        { ...app, AZURE_KEY_VAULT_URL: 'https://kv', M365_CLIENT_SECRET_NAME: 'a b' },
        ['M365_CLIENT_SECRET_NAME'],
        /secret name/,
      ],
      [{ M365_USE_MANAGED_IDENTITY: 'maybe' }, ['M365_USE_MANAGED_IDENTITY'], /"true" or "false"/],
      [{ M365_USE_MANAGED_IDENTITY: 'true', AZURE_CLIENT_ID: 'x' }, ['AZURE_CLIENT_ID'], /managed identity/],
    ];
    for (const [env, variables, message] of cases) {
      const error = configurationError(() => credentialSettingsFromEnv(env));
      expect(error.variables, JSON.stringify(env)).toEqual(variables);
      expect(error.message).toMatch(message);
    }
  });

  it('never puts the secret itself in an error message', () => {
    const error = configurationError(() =>
      credentialSettingsFromEnv({ AZURE_CLIENT_SECRET: SECRET, AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem' }),
    );
    expect(error.message).not.toContain(SECRET);
  });
});

describe('credentialFromEnvironment settings it checks before any sign-in', () => {
  let dir: string;
  const app = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT };
  const fakeCertificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-env-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the certificate variable when the file is missing, a PFX, or lacks its key', async () => {
    const missing = await asyncConfigurationError(() =>
      credentialFromEnvironment({
        cloud: CLOUD,
        env: { ...app, AZURE_CLIENT_CERTIFICATE_PATH: join(dir, 'none.pem') },
      }),
    );
    expect(missing.variables).toEqual(['AZURE_CLIENT_CERTIFICATE_PATH']);
    expect(missing.message).toContain('ENOENT');

    const pfx = join(dir, 'cert.pfx');
    await writeFile(pfx, Buffer.from([0x30, 0x82, 0x0a, 0x01, 0x02, 0x01, 0x03]));
    const pfxError = await asyncConfigurationError(() =>
      credentialFromEnvironment({ cloud: CLOUD, env: { ...app, AZURE_CLIENT_CERTIFICATE_PATH: pfx } }),
    );
    expect(pfxError.message).toContain('openssl pkcs12');

    const certOnly = join(dir, 'cert-only.pem');
    await writeFile(certOnly, fakeCertificate);
    const noKey = await asyncConfigurationError(() =>
      credentialFromEnvironment({ cloud: CLOUD, env: { ...app, AZURE_CLIENT_CERTIFICATE_PATH: certOnly } }),
    );
    expect(noKey.message).toContain('no private key');
  });

  it('asks for the certificate password when the key is encrypted, and says when it is wrong', async () => {
    const password = 'correct horse battery';
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const encrypted = privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: password,
    });
    const path = join(dir, 'encrypted.pem');
    await writeFile(path, `${fakeCertificate}${encrypted.toString()}`);

    const noPassword = await asyncConfigurationError(() =>
      credentialFromEnvironment({ cloud: CLOUD, env: { ...app, AZURE_CLIENT_CERTIFICATE_PATH: path } }),
    );
    expect(noPassword.variables).toEqual(['AZURE_CLIENT_CERTIFICATE_PASSWORD']);
    expect(noPassword.message).toContain('set AZURE_CLIENT_CERTIFICATE_PASSWORD');

    const wrong = await asyncConfigurationError(() =>
      credentialFromEnvironment({
        cloud: CLOUD,
        env: { ...app, AZURE_CLIENT_CERTIFICATE_PATH: path, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'wrong one' },
      }),
    );
    expect(wrong.message).toContain('does not decrypt');
    expect(wrong.message).not.toContain('wrong one');

    const registered: string[] = [];
    const ok = await credentialFromEnvironment({
      cloud: CLOUD,
      env: { ...app, AZURE_CLIENT_CERTIFICATE_PATH: path, AZURE_CLIENT_CERTIFICATE_PASSWORD: password },
      registerSecret: (value) => registered.push(value),
    });
    expect(ok.kind).toBe('client-certificate');
    expect(registered).toEqual([password]);
    expect(ok.description).not.toContain(password);
  });

  it('names the federated token file when it cannot be read', async () => {
    const error = await asyncConfigurationError(() =>
      credentialFromEnvironment({
        cloud: CLOUD,
        env: { ...app, AZURE_FEDERATED_TOKEN_FILE: join(dir, 'no-token') },
      }),
    );
    expect(error.variables).toEqual(['AZURE_FEDERATED_TOKEN_FILE']);
  });

  it('refuses a given token that is not a JWT with an expiry', async () => {
    const error = await asyncConfigurationError(() =>
      credentialFromEnvironment({ cloud: CLOUD, env: { M365_ACCESS_TOKEN: 'opaque-token-value' } }),
    );
    expect(error.variables).toEqual(['M365_ACCESS_TOKEN']);
    expect(error.message).not.toContain('opaque-token-value');
  });

  it('builds a managed identity credential when asked (getting its token needs IMDS, not tested here)', async () => {
    const system = await credentialFromEnvironment({ cloud: CLOUD, env: {}, managedIdentity: true });
    expect(system).toMatchObject({
      kind: 'managed-identity',
      description: 'system-assigned managed identity',
    });
    const user = await credentialFromEnvironment({
      cloud: CLOUD,
      env: { M365_USE_MANAGED_IDENTITY: 'true', AZURE_CLIENT_ID: CLIENT },
    });
    expect(user.description).toBe(`user-assigned managed identity ${CLIENT}`);
  });
});
