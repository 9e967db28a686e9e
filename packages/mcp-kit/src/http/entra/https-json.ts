// A small GET of a JSON document over https: Entra's OpenID metadata and its signing keys. Node's
// https module takes an extra CA directly (graph-sim in tests), so nothing turns certificate
// checks off and no HTTP client library is loaded for two small documents.
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';

const maximumBytes = 1024 * 1024;
const timeoutMs = 10_000;

export type FetchJson = (url: string) => Promise<unknown>;

export function httpsJsonFetcher(ca: string | undefined): FetchJson {
  const trust = ca === undefined ? undefined : [...rootCertificates, ca];
  return (url) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(new Error(`refusing to fetch ${target.origin}${target.pathname} over ${target.protocol}`));
        return;
      }
      const req = request(
        target,
        {
          method: 'GET',
          headers: { accept: 'application/json' },
          ...(trust ? { ca: trust } : {}),
          timeout: timeoutMs,
        },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`${target.origin}${target.pathname} answered HTTP ${res.statusCode}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maximumBytes) {
              req.destroy(
                new Error(`${target.origin}${target.pathname} answered more than ${maximumBytes} bytes`),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch {
              reject(new Error(`${target.origin}${target.pathname} did not answer JSON`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${target.origin}${target.pathname} did not answer in time`)),
      );
      req.on('error', reject);
      req.end();
    });
}
