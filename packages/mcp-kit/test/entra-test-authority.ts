// A stand-in for Entra's key publishing in tests that need tokens Entra would never issue (expired,
// wrong issuer, another algorithm): OpenID metadata and a JWKS over HTTPS on localhost, with keys
// made here by jose. The certificate is graph-sim's test certificate (trusted through `ca`, no check
// is turned off). Counts the JWKS requests so the key cache's cooldown can be tested.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createClientCertificate } from '@m365-mcp/graph-sim';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

interface TestKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  jwk: JWK;
}

export interface TestAuthority {
  /** `https://localhost:<port>`: the authority host to configure. */
  readonly authority: string;
  readonly ca: string;
  /** How many times the JWKS was requested. */
  readonly jwksRequests: number;
  /** The current signing key's id. */
  readonly kid: string;
  /** The current signing key's public JWK. */
  readonly publicJwk: JWK;
  /** Signs claims with the current key (or the named one), RS256. */
  sign(claims: JWTPayload, options?: { kid?: string }): Promise<string>;
  /** Signs with a key of the right shape that this authority never published. */
  signWithUnpublishedKey(claims: JWTPayload): Promise<string>;
  /** A new key becomes the signer and is published; the old one stays published. */
  rotate(): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

async function makeKey(): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  counter += 1;
  const kid = `test-key-${counter}`;
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig' } };
}

export async function startTestAuthority(): Promise<TestAuthority> {
  const certificate = createClientCertificate('localhost');
  const keys: TestKey[] = [await makeKey()];
  let jwksRequests = 0;
  let origin = '';
  const server: Server = createServer(
    { cert: certificate.certificatePem, key: certificate.privateKeyPem },
    (req, res) => {
      const path = new URL(req.url ?? '/', 'https://localhost').pathname;
      const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
      if (metadata) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: `${origin}/${metadata[1]}/v2.0`,
            jwks_uri: `${origin}/${metadata[1]}/discovery/v2.0/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return;
      }
      if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) {
        jwksRequests += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: keys.map((key) => key.jwk) }));
        return;
      }
      res.writeHead(404).end();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  const current = () => keys[keys.length - 1] as TestKey;
  return {
    authority: origin,
    ca: certificate.certificatePem,
    get jwksRequests() {
      return jwksRequests;
    },
    get kid() {
      return current().kid;
    },
    get publicJwk() {
      return current().jwk;
    },
    async sign(claims, options = {}) {
      const key =
        options.kid === undefined ? current() : keys.find((candidate) => candidate.kid === options.kid);
      if (key === undefined) throw new Error(`no key ${options.kid}`);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
        .sign(key.privateKey);
    },
    async signWithUnpublishedKey(claims) {
      const key = await makeKey();
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
        .sign(key.privateKey);
    },
    async rotate() {
      keys.push(await makeKey());
      return current().kid;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
