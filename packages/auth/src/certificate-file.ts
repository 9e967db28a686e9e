import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigurationError } from './errors.js';

const VARIABLE = 'AZURE_CLIENT_CERTIFICATE_PATH';

/**
 * Reads the certificate file so that problems are reported as configuration errors naming the
 * variable to fix, rather than as a failed sign-in later. @azure/identity takes PEM only (a
 * certificate and its private key in one file), so a PFX is refused with the command to convert it.
 */
export async function readCertificateFile(path: string, password: string | undefined): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`${VARIABLE} points to "${path}", which cannot be read (${code}).`, [
      VARIABLE,
    ]);
  }
  const text = bytes.toString('utf8');
  if (!text.includes('-----BEGIN')) {
    throw new ConfigurationError(
      `${VARIABLE} ("${path}") is not a PEM file; a PFX/PKCS#12 file must be converted first, e.g. "openssl pkcs12 -in cert.pfx -out cert.pem -nodes".`,
      [VARIABLE],
    );
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigurationError(
      `${VARIABLE} ("${path}") holds no certificate; it needs the certificate and its private key.`,
      [VARIABLE],
    );
  }
  const keyBlock = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/.exec(text);
  if (keyBlock === null) {
    throw new ConfigurationError(
      `${VARIABLE} ("${path}") holds no private key; it needs the certificate and its private key.`,
      [VARIABLE],
    );
  }
  try {
    createPrivateKey({ key: keyBlock[0], ...(password === undefined ? {} : { passphrase: password }) });
  } catch {
    const encrypted =
      keyBlock[1]?.includes('ENCRYPTED') === true || keyBlock[0].includes('Proc-Type: 4,ENCRYPTED');
    throw new ConfigurationError(
      encrypted
        ? password === undefined
          ? `The private key in ${VARIABLE} ("${path}") is encrypted: set AZURE_CLIENT_CERTIFICATE_PASSWORD.`
          : `AZURE_CLIENT_CERTIFICATE_PASSWORD does not decrypt the private key in ${VARIABLE} ("${path}").`
        : `The private key in ${VARIABLE} ("${path}") cannot be read.`,
      encrypted ? ['AZURE_CLIENT_CERTIFICATE_PASSWORD'] : [VARIABLE],
    );
  }
  return text;
}
