// onBehalfOfCredential against graph-sim's Entra over HTTPS, with each way the server app proves
// itself (secret, certificate, federated token), the same authority host and CA handling as the
// app-only credentials.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientCertificate, demoSignInUsers } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUserToken, onBehalfOfCredential, serverAppCredentialsFromEnv } from '../src/index.js';
import { type Sim, startSim } from './sim.js';

let sim: Sim;
let cloud: Awaited<ReturnType<typeof startSim>>['cloud'];
let dir: string;
const redirectUri = 'http://localhost:5173/callback';
let publicClientId: string;

const api = {
  roles: [],
  oauth2PermissionScopes: ['access_as_user'],
  delegatedPermissions: ['User.Read', 'SecurityIncident.Read.All'],
};

beforeAll(async () => {
  ({ sim, cloud } = await startSim());
  dir = await mkdtemp(join(tmpdir(), 'auth-obo-'));
  publicClientId = sim.registerApp({ roles: [], publicClient: true, redirectUris: [redirectUri] }).clientId;
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

async function assertionFor(identifierUri: string, upn: string): Promise<string> {
  const { accessToken } = await sim.signInUser({
    clientId: publicClientId,
    redirectUri,
    scope: `${identifierUri}/access_as_user openid`,
    upn,
  });
  return accessToken;
}

async function exchange(env: Record<string, string>, identifierUri: string, upn: string) {
  const registered: string[] = [];
  const app = serverAppCredentialsFromEnv({ AZURE_TENANT_ID: sim.tenantId, ...env }, (value) =>
    registered.push(value),
  );
  const credential = onBehalfOfCredential({
    ...app,
    userAssertion: await assertionFor(identifierUri, upn),
    cloud,
    ca: sim.ca,
  });
  const token = await credential.getToken(cloud.graphScope);
  return { user: decodeUserToken(token?.token ?? ''), registered };
}

describe('on-behalf-of through graph-sim', () => {
  const upn = demoSignInUsers.securityAdministrator;

  it("with the app's client secret: a Graph token of the same user, with the app's delegated scopes", async () => {
    const uri = 'api://obo-secret';
    const app = sim.registerApp({ ...api, identifierUris: [uri] });
    const { user, registered } = await exchange(
      { AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_SECRET: app.secret as string },
      uri,
      upn,
    );
    expect(user).toMatchObject({
      userPrincipalName: upn,
      objectId: sim.userByUpn(upn)?.id,
      tenantId: sim.tenantId,
      appId: app.clientId,
      scopes: ['SecurityIncident.Read.All', 'User.Read'],
    });
    expect(registered).toEqual([app.secret]);
  });

  it("with the app's certificate (PEM by path)", async () => {
    const uri = 'api://obo-certificate';
    const { certificatePem, privateKeyPem } = createClientCertificate();
    const app = sim.registerApp({ ...api, identifierUris: [uri], certificatePem });
    const path = join(dir, 'obo.pem');
    await writeFile(path, `${certificatePem}\n${privateKeyPem}`);
    const { user } = await exchange(
      { AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_CERTIFICATE_PATH: path },
      uri,
      upn,
    );
    expect(user).toMatchObject({ userPrincipalName: upn, appId: app.clientId });
  });

  it('with a federated token (workload identity), read from its file', async () => {
    const uri = 'api://obo-federated';
    const subject = 'system:serviceaccount:m365:obo';
    const app = sim.registerApp({ ...api, identifierUris: [uri], federatedSubject: subject });
    const tokenFile = join(dir, 'federated-token');
    await writeFile(tokenFile, sim.issueFederatedToken({ subject }));
    const { user } = await exchange(
      { AZURE_CLIENT_ID: app.clientId, AZURE_FEDERATED_TOKEN_FILE: tokenFile },
      uri,
      upn,
    );
    expect(user).toMatchObject({ userPrincipalName: upn, appId: app.clientId });
  });

  it("refuses a token that was not issued for the server app, with Entra's reason", async () => {
    const app = sim.registerApp({ ...api, identifierUris: ['api://obo-mine'] });
    sim.registerApp({ ...api, identifierUris: ['api://obo-other'] });
    const attempt = exchange(
      { AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_SECRET: app.secret as string },
      'api://obo-other',
      upn,
    );
    await expect(attempt).rejects.toThrow(/AADSTS50013/);
  });
});
