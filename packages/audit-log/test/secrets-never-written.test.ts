import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog, registerSecret, verifyAuditLog } from '../src/index.js';
import { entry, withTempDir } from './helpers.js';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';

function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The shape Entra gives client secrets today: 3 characters, a digit, "Q~", 34 more. */
function entraClientSecret(): string {
  return `${randomFrom(SECRET_ALPHABET.slice(0, 52), 3)}8Q~${randomFrom(SECRET_ALPHABET, 34)}`;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function accessToken(): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' }));
  const payload = base64url(
    JSON.stringify({
      aud: 'https://graph.microsoft.com',
      roles: ['User.Read.All'],
      sub: randomFrom('abc', 8),
    }),
  );
  return `${header}.${payload}.${base64url(randomBytes(256))}`;
}

describe('no secret reaches the audit file, whatever the field is called', () => {
  it('redacts a client secret, a certificate password, a PEM key, a JWT and a bearer header', () =>
    withTempDir(async (dir) => {
      const clientSecret = entraClientSecret();
      const certificatePassword = `pfx-${randomFrom(SECRET_ALPHABET.slice(0, 62), 12)}`;
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const jwt = accessToken();
      const opaqueBearer = base64url(randomBytes(48));
      const connectionString = `DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${randomBytes(64).toString('base64')};EndpointSuffix=core.windows.net`;
      const sasUrl = `https://contoso.blob.core.windows.net/c/f.txt?sv=2022-11-02&sig=${encodeURIComponent(randomBytes(32).toString('base64'))}`;

      // What a server registers at start-up: the secrets it was configured with.
      registerSecret(certificatePassword);

      const path = join(dir, 'audit.jsonl');
      const log = await openAuditLog(path, { server: 'm365-security' });
      await log.append(
        entry({
          arguments: {
            note: clientSecret,
            comment: `unlock with ${certificatePassword} please`,
            attachment: pem,
            value: jwt,
            headers: [{ name: 'x', text: `Bearer ${opaqueBearer}` }],
            target: connectionString,
            link: sasUrl,
            nested: { deeper: { list: [`prefix ${jwt} suffix`, `${clientSecret}`] } },
            [`k-${certificatePassword}`]: 'a secret used as a key',
          },
          detail: {
            error: new Error(`token endpoint refused client_secret=${encodeURIComponent(clientSecret)}`),
            plan: { body: `grant_type=client_credentials&client_assertion=${jwt}` },
          },
          caller: `Bearer ${opaqueBearer}`,
          session: certificatePassword,
        }),
      );
      // The same secrets under the names that say what they are.
      await log.append(
        entry({
          arguments: {
            clientSecret,
            CERTIFICATE_PASSWORD: certificatePassword,
            privateKey: pem,
            access_token: jwt,
            Authorization: `Bearer ${opaqueBearer}`,
            includeSecrets: true,
          },
        }),
      );
      await log.close();

      const text = await readFile(path, 'utf8');
      const secrets: Record<string, string> = {
        clientSecret,
        clientSecretEncoded: encodeURIComponent(clientSecret),
        certificatePassword,
        opaqueBearer,
        jwt,
        jwtSignature: jwt.split('.')[2] ?? '',
        jwtPayload: jwt.split('.')[1] ?? '',
        accountKey: connectionString.split('AccountKey=')[1]?.split(';')[0] ?? '',
        sasSignature: sasUrl.split('sig=')[1] ?? '',
      };
      // Every line of the key body, not just the whole block.
      pem
        .split('\n')
        .filter((line) => line.length > 0 && !line.startsWith('-----'))
        .forEach((line, index) => {
          secrets[`pemLine${index}`] = line;
        });
      for (const [name, secret] of Object.entries(secrets)) {
        expect(secret.length, name).toBeGreaterThan(5);
        expect(text.includes(secret), `${name} found in the audit file`).toBe(false);
      }
      expect(text).not.toContain('PRIVATE KEY');
      // The record stays useful: the flag and the non-secret context survive.
      expect(text).toContain('"includeSecrets":true');
      expect(text).toContain('unlock with [redacted] please');
      expect(text).toContain('token endpoint refused client_secret=[redacted]');
      expect(await verifyAuditLog(path)).toMatchObject({ ok: true, lines: 2 });
    }));
});
