import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCloud } from '@m365-mcp/graph-core';
import { createClientCertificate, createDemoTenant, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  credentialFromEnvironment,
  credentialVariables,
  decodeTokenRoles,
  parseTenantRegistry,
  resolveTenant,
  type SecretReaderFactory,
  type TenantRegistry,
  tenantEnvironment,
} from '../src/index.js';

const CONTOSO = '11111111-1111-4111-8111-111111111111';
const APP = '33333333-3333-4333-8333-333333333333';
const OWN_APP = '44444444-4444-4444-8444-444444444444';
const OPERATOR_SECRET = 'opr8Q~operatorSecretNotForAnyTenant.0123456';

/** A process environment with the operator's own credential in it, and settings a tenant keeps. */
const BASE_ENV = {
  AZURE_TENANT_ID: '99999999-9999-4999-8999-999999999999',
  AZURE_CLIENT_ID: '88888888-8888-4888-8888-888888888888',
  AZURE_CLIENT_SECRET: OPERATOR_SECRET,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: 'operator-cert-password',
  M365_ACCESS_TOKEN: 'eyJ.operator.token',
  M365_USE_MANAGED_IDENTITY: 'true',
  M365_TENANTS_FILE: '/etc/m365/tenants.json',
  M365_GRAPH_URL: 'https://graph.example.test',
  M365_EXCHANGE_URL: 'https://outlook.example.test',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/private-ca.pem',
  M365_AUDIT_LOG: '/var/log/m365/audit.jsonl',
  MSP_CERT_PASSWORD: 'msp-cert-pass-81',
  FABRIKAM_SECRET: '  fab8Q~fabrikamSecretValueFromTheEnvironment0  ',
};

/** The base environment's settings that are not credentials: every tenant keeps them. */
const KEPT = {
  M365_GRAPH_URL: 'https://graph.example.test',
  M365_EXCHANGE_URL: 'https://outlook.example.test',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/private-ca.pem',
  M365_AUDIT_LOG: '/var/log/m365/audit.jsonl',
  MSP_CERT_PASSWORD: 'msp-cert-pass-81',
  FABRIKAM_SECRET: '  fab8Q~fabrikamSecretValueFromTheEnvironment0  ',
};

function registryOf(signIn: Record<string, unknown>, tenant: Record<string, unknown> = {}): TenantRegistry {
  return parseTenantRegistry(
    JSON.stringify({
      signIn: { clientId: APP, ...signIn },
      tenants: [{ name: 'contoso', tenantId: CONTOSO, ...tenant }],
    }),
    '/etc/m365/tenants.json',
  );
}

function environmentOf(registry: TenantRegistry, env: Record<string, string | undefined> = BASE_ENV) {
  return tenantEnvironment(registry, resolveTenant(registry, 'contoso'), env);
}

describe('tenantEnvironment: one tenant in the Azure SDK variables', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'auth-tenant-env-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a certificate (relative to the registry folder) and its password from a variable', () => {
    const env = environmentOf(
      registryOf({ certificateFile: 'certs/msp.pem', certificatePasswordEnv: 'MSP_CERT_PASSWORD' }),
    );
    expect(env).toEqual({
      ...KEPT,
      AZURE_TENANT_ID: CONTOSO,
      AZURE_CLIENT_ID: APP,
      AZURE_CLIENT_CERTIFICATE_PATH: '/etc/m365/certs/msp.pem',
      AZURE_CLIENT_CERTIFICATE_PASSWORD: 'msp-cert-pass-81',
    });
  });

  it('an absolute certificate path stays as it is; no password variable, no password', () => {
    const env = environmentOf(registryOf({ certificateFile: '/secure/msp.pem' }));
    expect(env.AZURE_CLIENT_CERTIFICATE_PATH).toBe('/secure/msp.pem');
    expect(env).not.toHaveProperty('AZURE_CLIENT_CERTIFICATE_PASSWORD');
  });

  it("a client secret from the variable secretEnv names (trimmed), and the entry's own app over the registry's", () => {
    const env = environmentOf(
      registryOf(
        { certificateFile: 'msp.pem' },
        { signIn: { clientId: OWN_APP, secretEnv: 'FABRIKAM_SECRET' } },
      ),
    );
    expect(env).toEqual({
      ...KEPT,
      AZURE_TENANT_ID: CONTOSO,
      AZURE_CLIENT_ID: OWN_APP,
      AZURE_CLIENT_SECRET: 'fab8Q~fabrikamSecretValueFromTheEnvironment0',
    });
  });

  it('a client secret from a file (trimmed), relative to the registry folder', async () => {
    await writeFile(join(dir, 'contoso.secret'), 'con8Q~contosoSecretReadFromAMountedFile01234\n');
    const registry = parseTenantRegistry(
      JSON.stringify({
        signIn: { clientId: APP, secretFile: 'contoso.secret' },
        tenants: [{ name: 'contoso', tenantId: CONTOSO }],
      }),
      join(dir, 'tenants.json'),
    );
    expect(environmentOf(registry)).toEqual({
      ...KEPT,
      AZURE_TENANT_ID: CONTOSO,
      AZURE_CLIENT_ID: APP,
      AZURE_CLIENT_SECRET: 'con8Q~contosoSecretReadFromAMountedFile01234',
    });
  });

  it('a Key Vault secret, with the identity that reads the vault', () => {
    const env = environmentOf(
      registryOf({
        keyVault: {
          vaultUrl: 'https://msp.vault.azure.net',
          secretName: 'msp-app-secret',
          identityClientId: '55555555-5555-4555-8555-555555555555',
        },
      }),
    );
    expect(env).toEqual({
      ...KEPT,
      AZURE_TENANT_ID: CONTOSO,
      AZURE_CLIENT_ID: APP,
      AZURE_KEY_VAULT_URL: 'https://msp.vault.azure.net',
      M365_CLIENT_SECRET_NAME: 'msp-app-secret',
      M365_KEY_VAULT_CLIENT_ID: '55555555-5555-4555-8555-555555555555',
    });
    // Without one in the registry, the machine's (the environment's) identity reads the vault.
    const machine = environmentOf(
      registryOf({ keyVault: { vaultUrl: 'https://msp.vault.azure.net', secretName: 'msp-app-secret' } }),
      { ...BASE_ENV, M365_KEY_VAULT_CLIENT_ID: '66666666-6666-4666-8666-666666666666' },
    );
    expect(machine.M365_KEY_VAULT_CLIENT_ID).toBe('66666666-6666-4666-8666-666666666666');
  });

  it('a federated token file, and the cloud the entry names', () => {
    const env = environmentOf(
      registryOf({ federatedTokenFile: 'tokens/azure-identity-token' }, { cloud: 'usgov' }),
    );
    expect(env).toEqual({
      ...KEPT,
      AZURE_TENANT_ID: CONTOSO,
      AZURE_CLIENT_ID: APP,
      AZURE_FEDERATED_TOKEN_FILE: '/etc/m365/tokens/azure-identity-token',
      M365_CLOUD: 'usgov',
    });
  });

  it("never carries the base environment's credential variables or the registry variable", () => {
    for (const signIn of [
      { certificateFile: 'msp.pem' },
      { secretEnv: 'FABRIKAM_SECRET' },
      { federatedTokenFile: 'token' },
      { keyVault: { vaultUrl: 'https://msp.vault.azure.net', secretName: 's' } },
    ]) {
      const env = environmentOf(registryOf(signIn));
      expect(Object.values(env)).not.toContain(OPERATOR_SECRET);
      expect(env).not.toHaveProperty('M365_ACCESS_TOKEN');
      expect(env).not.toHaveProperty('M365_USE_MANAGED_IDENTITY');
      expect(env).not.toHaveProperty('M365_TENANTS_FILE');
      for (const name of credentialVariables) {
        const inherited = BASE_ENV[name as keyof typeof BASE_ENV];
        if (inherited !== undefined) expect(env[name], name).not.toBe(inherited);
      }
    }
  });

  it('an unset variable or unreadable file is a clear error naming the tenant, never a value', async () => {
    const unset = () => environmentOf(registryOf({ secretEnv: 'CONTOSO_SECRET' }));
    expect(unset).toThrow(ConfigurationError);
    expect(unset).toThrow(
      'CONTOSO_SECRET is not set: it should hold the client secret of tenant "contoso" (/etc/m365/tenants.json).',
    );
    const blank = () =>
      environmentOf(registryOf({ secretEnv: 'CONTOSO_SECRET' }), { ...BASE_ENV, CONTOSO_SECRET: '  ' });
    expect(blank).toThrow('CONTOSO_SECRET is not set');
    const password = () =>
      environmentOf(
        registryOf({ certificateFile: 'a.pem', certificatePasswordEnv: 'CONTOSO_CERT_PASSWORD' }),
      );
    expect(password).toThrow(
      'CONTOSO_CERT_PASSWORD is not set: it should hold the certificate password of tenant "contoso" (/etc/m365/tenants.json).',
    );
    const missingFile = () => environmentOf(registryOf({ secretFile: '/nonexistent/contoso.secret' }));
    expect(missingFile).toThrow(
      'The secretFile "/nonexistent/contoso.secret" of tenant "contoso" (/etc/m365/tenants.json) cannot be read (ENOENT).',
    );
    await writeFile(join(dir, 'empty.secret'), '\n');
    const empty = () => environmentOf(registryOf({ secretFile: join(dir, 'empty.secret') }));
    expect(empty).toThrow(
      `The secretFile "${join(dir, 'empty.secret')}" of tenant "contoso" (/etc/m365/tenants.json) is empty.`,
    );
  });

  it('a registry built in code without any sign-in for the tenant is refused', () => {
    const registry: TenantRegistry = { source: 'inline', tenants: [{ name: 'contoso', tenantId: CONTOSO }] };
    expect(() => environmentOf(registry)).toThrow(
      'Tenant "contoso" (inline) has no sign-in: add "signIn" to its entry or to the registry.',
    );
  });
});

describe('credentialFromEnvironment signs in to each tenant with what tenantEnvironment produces', () => {
  const FABRIKAM_SIM = '77777777-7777-4777-8777-777777777777';
  let sim: Awaited<ReturnType<typeof startGraphSim>>;
  let dir: string;
  let base: Record<string, string | undefined>;

  beforeAll(async () => {
    const fabrikam = {
      ...createDemoTenant(),
      id: FABRIKAM_SIM,
      displayName: 'Fabrikam',
      initialDomain: 'fabrikam.onmicrosoft.com',
      sharepointHost: 'fabrikam.sharepoint.com',
    };
    sim = await startGraphSim({ tenants: [fabrikam] });
    dir = await mkdtemp(join(tmpdir(), 'auth-tenant-sign-in-'));
    // The simulator is the authority and Graph; these settings are the base environment's, kept.
    base = { ...BASE_ENV, AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url };
  });
  afterAll(async () => {
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function signIn(
    env: Record<string, string | undefined>,
    extra: { secretReaderFactory?: SecretReaderFactory } = {},
  ) {
    const cloud = resolveCloud(env);
    const { credential, kind } = await credentialFromEnvironment({ env, cloud, ca: sim.ca, ...extra });
    const token = await credential.getToken(cloud.graphScope);
    return { kind, ...decodeTokenRoles(token?.token ?? '') };
  }

  it('one multi-tenant app with a certificate, admin-consented in two tenants (the MSP model)', async () => {
    const { certificatePem, privateKeyPem } = createClientCertificate();
    await writeFile(join(dir, 'msp-app.pem'), `${certificatePem}\n${privateKeyPem}`);
    const { clientId } = sim.registerApp({ roles: ['User.Read.All'], certificatePem });
    sim.consent(FABRIKAM_SIM, clientId);
    const registry = parseTenantRegistry(
      JSON.stringify({
        signIn: { clientId, certificateFile: 'msp-app.pem' },
        tenants: [
          { name: 'contoso', tenantId: sim.tenantId },
          { name: 'fabrikam', tenantId: FABRIKAM_SIM },
        ],
      }),
      join(dir, 'tenants.json'),
    );
    for (const [name, tenantId] of [
      ['contoso', sim.tenantId],
      ['fabrikam', FABRIKAM_SIM],
    ] as const) {
      // The operator's own AZURE_CLIENT_SECRET in the base environment would make this "more than
      // one credential" (or sign in as the operator) if it leaked.
      const result = await signIn(tenantEnvironment(registry, resolveTenant(registry, name), base));
      expect(result).toMatchObject({
        kind: 'client-certificate',
        tenantId,
        appId: clientId,
        roles: ['User.Read.All'],
      });
    }
  });

  it('workload identity: a federated token file beside the registry', async () => {
    const subject = 'system:serviceaccount:m365:msp-worker';
    const { clientId } = sim.registerApp({ roles: ['Sites.Read.All'], federatedSubject: subject });
    await writeFile(join(dir, 'federated-token'), sim.issueFederatedToken({ subject }));
    const registry = parseTenantRegistry(
      JSON.stringify({
        signIn: { clientId, federatedTokenFile: 'federated-token' },
        tenants: [{ name: 'contoso', tenantId: sim.tenantId }],
      }),
      join(dir, 'tenants.json'),
    );
    const result = await signIn(tenantEnvironment(registry, resolveTenant(registry, 'contoso'), base));
    expect(result).toMatchObject({ kind: 'workload-identity', tenantId: sim.tenantId, appId: clientId });
  });

  it("a tenant's own app: client secret from a variable, from a file, from Key Vault", async () => {
    const own = sim.registerApp({ roles: ['Group.Read.All'] });
    const secret = own.secret as string;
    await writeFile(join(dir, 'own.secret'), `${secret}\n`);
    const asked: string[] = [];
    const vault: SecretReaderFactory = () => ({
      getSecret: async (name) => {
        asked.push(name);
        return { value: secret };
      },
    });
    for (const credential of [
      { secretEnv: 'OWN_SECRET' },
      { secretFile: 'own.secret' },
      { keyVault: { vaultUrl: 'https://msp.vault.azure.net', secretName: 'contoso-app' } },
    ]) {
      const registry = parseTenantRegistry(
        JSON.stringify({
          tenants: [
            { name: 'contoso', tenantId: sim.tenantId, signIn: { clientId: own.clientId, ...credential } },
          ],
        }),
        join(dir, 'tenants.json'),
      );
      const env = tenantEnvironment(registry, resolveTenant(registry, 'CONTOSO'), {
        ...base,
        OWN_SECRET: secret,
      });
      const result = await signIn(env, { secretReaderFactory: vault });
      expect(result).toMatchObject({
        tenantId: sim.tenantId,
        appId: own.clientId,
        roles: ['Group.Read.All'],
      });
    }
    expect(asked).toEqual(['contoso-app']);
  });
});
