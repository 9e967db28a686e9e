import { createPrivateKey } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientCertificate } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  credentialFromEnvironment,
  decodeTokenRoles,
  type SecretReaderFactory,
} from '../src/index.js';
import { type Sim, startSim } from './sim.js';

let sim: Sim;
let cloud: Awaited<ReturnType<typeof startSim>>['cloud'];
let dir: string;

beforeAll(async () => {
  ({ sim, cloud } = await startSim());
  dir = await mkdtemp(join(tmpdir(), 'auth-cred-'));
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

async function rolesOf(env: NodeJS.ProcessEnv, extra: { secretReaderFactory?: SecretReaderFactory } = {}) {
  const registered: string[] = [];
  const { credential, kind, description } = await credentialFromEnvironment({
    env,
    cloud,
    ca: sim.ca,
    registerSecret: (value) => registered.push(value),
    ...extra,
  });
  const token = await credential.getToken(cloud.graphScope);
  expect(token).not.toBeNull();
  return { kind, description, registered, decoded: decodeTokenRoles(token?.token ?? '') };
}

describe('each credential kind gets a token from the simulated Entra over HTTPS', () => {
  it('client secret', async () => {
    const { clientId, secret } = sim.registerApp({ roles: ['User.Read.All', 'Group.Read.All'] });
    const result = await rolesOf({
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_SECRET: secret,
    });
    expect(result.kind).toBe('client-secret');
    expect(result.decoded).toMatchObject({
      roles: ['Group.Read.All', 'User.Read.All'],
      tenantId: sim.tenantId,
      appId: clientId,
    });
    expect(result.description).toBe(`client secret for app ${clientId} in tenant ${sim.tenantId}`);
    expect(result.registered).toEqual([secret]);
  });

  it('client certificate (PEM), plain and with an encrypted key', async () => {
    const { certificatePem, privateKeyPem } = createClientCertificate();
    const { clientId } = sim.registerApp({ roles: ['Sites.Read.All'], certificatePem });
    const plainPath = join(dir, 'plain.pem');
    await writeFile(plainPath, `${certificatePem}\n${privateKeyPem}`);
    const plain = await rolesOf({
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_CERTIFICATE_PATH: plainPath,
    });
    expect(plain.kind).toBe('client-certificate');
    expect(plain.decoded.roles).toEqual(['Sites.Read.All']);
    expect(plain.registered).toEqual([]);

    const password = 'cert-pass-Zq81';
    const encrypted = createPrivateKey(privateKeyPem).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: password,
    });
    const encryptedPath = join(dir, 'encrypted.pem');
    await writeFile(encryptedPath, `${certificatePem}\n${encrypted.toString()}`);
    const withPassword = await rolesOf({
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_CERTIFICATE_PATH: encryptedPath,
      AZURE_CLIENT_CERTIFICATE_PASSWORD: password,
    });
    expect(withPassword.decoded.roles).toEqual(['Sites.Read.All']);
    expect(withPassword.registered).toEqual([password]);
  });

  it('workload identity (federated token file)', async () => {
    const subject = 'system:serviceaccount:m365:security-server';
    const { clientId } = sim.registerApp({ roles: ['SecurityIncident.Read.All'], federatedSubject: subject });
    const tokenFile = join(dir, 'federated-token');
    await writeFile(tokenFile, sim.issueFederatedToken({ subject }));
    const result = await rolesOf({
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    });
    expect(result.kind).toBe('workload-identity');
    expect(result.decoded.roles).toEqual(['SecurityIncident.Read.All']);
  });

  it('a given access token, handed back with its own expiry', async () => {
    const { clientId } = sim.registerApp({ roles: [] });
    const token = sim.issueToken({ clientId, roles: ['Reports.Read.All'] });
    const { credential, kind, description } = await credentialFromEnvironment({
      env: { M365_ACCESS_TOKEN: token },
      cloud,
    });
    const issued = await credential.getToken(cloud.graphScope);
    expect(kind).toBe('access-token');
    expect(issued?.token).toBe(token);
    expect(issued?.expiresOnTimestamp).toBe(decodeTokenRoles(token).expiresOn?.getTime());
    expect(description).toContain(`for app ${clientId}`);
    expect(description).not.toContain(token);
  });

  it('a client secret read from Key Vault (an injected reader; no network to a vault)', async () => {
    const { clientId, secret } = sim.registerApp({ roles: ['Directory.Read.All'] });
    const asked: { vaultUrl: string; name: string }[] = [];
    const factory: SecretReaderFactory = (vaultUrl) => ({
      getSecret: async (name) => {
        asked.push({ vaultUrl, name });
        return { value: secret };
      },
    });
    const result = await rolesOf(
      {
        AZURE_TENANT_ID: sim.tenantId,
        AZURE_CLIENT_ID: clientId,
        AZURE_KEY_VAULT_URL: 'https://contoso-kv.vault.azure.net/',
        M365_CLIENT_SECRET_NAME: 'graph-client-secret',
      },
      { secretReaderFactory: factory },
    );
    expect(asked).toEqual([{ vaultUrl: 'https://contoso-kv.vault.azure.net', name: 'graph-client-secret' }]);
    expect(result.kind).toBe('key-vault-client-secret');
    expect(result.decoded.roles).toEqual(['Directory.Read.All']);
    expect(result.registered).toEqual([secret]);
    expect(result.description).not.toContain(secret);

    const failing: SecretReaderFactory = () => ({
      getSecret: async () => {
        throw new Error('Forbidden: caller lacks secrets/get');
      },
    });
    const error = await credentialFromEnvironment({
      env: {
        AZURE_TENANT_ID: sim.tenantId,
        AZURE_CLIENT_ID: clientId,
        AZURE_KEY_VAULT_URL: 'https://contoso-kv.vault.azure.net',
        M365_CLIENT_SECRET_NAME: 'graph-client-secret',
      },
      cloud,
      secretReaderFactory: failing,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toMatch(
      /Cannot read the secret "graph-client-secret".*Forbidden/,
    );
  });

  it('trusts the simulator only through the CA it was given', async () => {
    const { clientId, secret } = sim.registerApp({ roles: ['User.Read.All'] });
    const { credential } = await credentialFromEnvironment({
      env: { AZURE_TENANT_ID: sim.tenantId, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: secret },
      cloud,
    });
    await expect(credential.getToken(cloud.graphScope)).rejects.toThrow(
      // MSAL reports the failed TLS handshake as failing to fetch the authority metadata.
      /endpoints_resolution_error|certificate/i,
    );
  });

  it('a wrong secret is refused by the authority, and the error does not echo it', async () => {
    const { clientId } = sim.registerApp({ roles: ['User.Read.All'] });
    const wrong = 'wrg8Q~thisIsNotTheSecretOfThisApp0123456';
    const { credential } = await credentialFromEnvironment({
      env: { AZURE_TENANT_ID: sim.tenantId, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: wrong },
      cloud,
      ca: sim.ca,
    });
    const error = await credential.getToken(cloud.graphScope).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain(wrong);
  });
});
