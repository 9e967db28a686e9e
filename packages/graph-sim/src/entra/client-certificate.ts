// A self-signed client certificate (RSA 2048, SHA-256), made synchronously so a test can create one
// inline. Register `certificatePem` on an app; give `combinedPem` (certificate + key) to
// ClientCertificateCredential, or write it to AZURE_CLIENT_CERTIFICATE_PATH.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  bitString,
  explicit,
  integer,
  nullValue,
  objectIdentifier,
  sequence,
  set,
  utcTime,
  utf8String,
} from './der.js';

export interface ClientCertificate {
  /** The certificate alone (PEM), what an app registration holds. */
  certificatePem: string;
  /** The PKCS#8 private key alone (PEM). */
  privateKeyPem: string;
  /** Certificate then private key (PEM): what ClientCertificateCredential reads. */
  combinedPem: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function createClientCertificate(commonName = 'graph-sim test client'): ClientCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = sequence(objectIdentifier(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, algorithm, bitString(signature));
  const certificatePem = toPem('CERTIFICATE', certificate);
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certificatePem, privateKeyPem, combinedPem: `${certificatePem}${privateKeyPem}` };
}
