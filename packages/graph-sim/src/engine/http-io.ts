// Reading requests and writing responses on the socket.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphResponse } from './graph-response.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin the client addressed; a Host header that is not a plain host[:port] is not trusted. */
export function originOf(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && HOST.test(host) ? `https://${host}` : fallback;
}

export function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response:
    | GraphResponse
    | { status: number; headers: Record<string, string>; body: string | Buffer | undefined; drop?: boolean },
): void {
  if (response.drop) {
    req.socket.destroy();
    return;
  }
  const body =
    response.body === undefined
      ? undefined
      : Buffer.isBuffer(response.body)
        ? response.body
        : Buffer.from(response.body, 'utf8');
  const headers: Record<string, string | number> = { ...response.headers };
  if (body !== undefined) headers['Content-Length'] = body.length;
  res.writeHead(response.status, headers);
  res.end(body);
}
