// Opaque tokens the simulator hands out and must later trust (paging tokens, download URLs): a
// JSON payload and an HMAC over it, keyed per simulator, so a tampered, forged or foreign token is
// recognised as such. `purpose` keeps a token made for one use from being accepted by another.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SEALED = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export class PayloadSigner {
  private readonly key = randomBytes(32);

  constructor(private readonly purpose: string) {}

  /** `<base64url JSON>.<base64url HMAC>`. */
  seal(value: unknown): string {
    const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The payload of a token this signer sealed, or undefined for anything else. */
  open(sealed: string): unknown {
    const match = SEALED.exec(sealed);
    if (!match) return undefined;
    const [, payload, signature] = match as unknown as [string, string, string];
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(`${this.purpose}:${payload}`).digest('base64url');
  }
}
