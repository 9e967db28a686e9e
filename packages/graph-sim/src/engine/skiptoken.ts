// Opaque, signed paging tokens. A $skiptoken carries the offset of the next page and a fingerprint
// of the query it belongs to; the HMAC (keyed per simulator) makes a tampered or foreign token a 400
// instead of a silently different page.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphSimError } from './route.js';

export class SkipTokenCodec {
  private readonly key = randomBytes(32);

  encode(offset: number, fingerprint: string): string {
    const payload = Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
    return `X${payload}.${this.sign(payload)}`;
  }

  /** The offset a token names, or a 400 when it was not made by this simulator for this query. */
  decode(token: string, fingerprint: string): number {
    const invalid = new GraphSimError(
      400,
      'invalidRequest',
      'The $skiptoken value is invalid or has expired.',
    );
    const match = /^X([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
    if (!match) throw invalid;
    const [, payload, signature] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
    const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      typeof decoded !== 'object' ||
      decoded === null ||
      !('o' in decoded) ||
      !('f' in decoded) ||
      typeof decoded.o !== 'number' ||
      decoded.f !== fingerprint
    ) {
      throw invalid;
    }
    return decoded.o;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 32);
  }
}

/** Identifies a query: method, path and every query option except the paging token itself. */
export function queryFingerprint(method: string, path: string, params: URLSearchParams): string {
  const pairs = [...params]
    .filter(([k]) => k.toLowerCase() !== '$skiptoken')
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([method, path.toLowerCase(), pairs]))
    .digest('base64url')
    .slice(0, 16);
}
