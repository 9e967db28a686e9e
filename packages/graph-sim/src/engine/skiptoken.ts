// Opaque, signed paging tokens. A $skiptoken carries the offset of the next page and a fingerprint
// of the query it belongs to; its signature makes a tampered or foreign token a 400 instead of a
// silently different page.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GraphSimError } from './route.js';
import { PayloadSigner } from './signed-payload.js';

const skipTokenSchema = z.object({ o: z.number(), f: z.string() });

export class SkipTokenCodec {
  private readonly signer = new PayloadSigner('skiptoken');

  encode(offset: number, fingerprint: string): string {
    return `X${this.signer.seal({ o: offset, f: fingerprint })}`;
  }

  /** The offset a token names, or a 400 when it was not made by this simulator for this query. */
  decode(token: string, fingerprint: string): number {
    const decoded = token.startsWith('X')
      ? skipTokenSchema.safeParse(this.signer.open(token.slice(1)))
      : undefined;
    if (!decoded?.success || decoded.data.f !== fingerprint) {
      throw new GraphSimError(400, 'invalidRequest', 'The $skiptoken value is invalid or has expired.');
    }
    return decoded.data.o;
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
