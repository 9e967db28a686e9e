import type { IncomingMessage } from 'node:http';

export type JsonBody = { kind: 'json'; value: unknown } | { kind: 'too-large' } | { kind: 'invalid' };

/**
 * Reads a request body up to `maxBytes` and parses it as JSON. A declared Content-Length over the
 * limit is refused before anything is read; otherwise reading stops as soon as the limit is passed,
 * so a client cannot make the server buffer more than the limit. The socket is left open so the
 * caller can still answer 413 (with `Connection: close`).
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        req.pause();
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve({ kind: 'json', value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ kind: 'invalid' });
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
