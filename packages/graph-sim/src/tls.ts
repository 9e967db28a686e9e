// The simulator's TLS certificate, made at start and never written anywhere by the library: a
// self-signed certificate for localhost, 127.0.0.1 and ::1. Clients trust it through its PEM
// (GraphSim.ca), never by turning certificate checks off.
import { generate } from 'selfsigned';

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

export async function createServerCertificate(): Promise<ServerCertificate> {
  const notBeforeDate = new Date(Date.now() - 5 * 60_000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
