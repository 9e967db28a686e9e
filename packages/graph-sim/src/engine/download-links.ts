// Pre-authenticated download URLs, as Graph hands them out for file content (the 302 of `/content`,
// the same URL as `@microsoft.graph.downloadUrl`): SharePoint's
// `/_layouts/15/download.aspx?UniqueId=<item>&tempauth=<token>` on the simulator's own host. The
// tempauth is signed like the $skiptoken (PayloadSigner) and names the drive, the item
// and an expiry, so the URL needs no Authorization, opens that one file only, and only for minutes.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PayloadSigner } from './signed-payload.js';

export const DOWNLOAD_PATH = '/_layouts/15/download.aspx';

/** "A few minutes", as Microsoft documents it. */
export const DEFAULT_DOWNLOAD_URL_LIFETIME_SECONDS = 300;

export type DownloadGrant =
  | { ok: true; driveId: string; itemId: string; tenantId: string | undefined }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'otherItem' };

const payloadSchema = z.object({ d: z.string(), i: z.string(), e: z.number(), t: z.string().optional() });

export class DownloadLinks {
  private readonly signer = new PayloadSigner('download');

  constructor(
    /** Negative for URLs that are already expired (tests of the expiry). */
    readonly lifetimeSeconds: number = DEFAULT_DOWNLOAD_URL_LIFETIME_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A download URL for one file, on `origin` (the host the client addressed), of the tenant named
   * (default: the simulator's first tenant).
   */
  urlFor(
    origin: string,
    driveId: string,
    itemId: string,
    lifetimeSeconds = this.lifetimeSeconds,
    tenantId?: string,
  ): string {
    const expires = this.now() + lifetimeSeconds * 1000;
    // A nonce, so two URLs for the same file differ as SharePoint's do.
    const payload = { d: driveId, i: itemId, e: expires, n: randomBytes(6).toString('base64url') };
    const tempauth = `v1.${this.signer.seal(tenantId === undefined ? payload : { ...payload, t: tenantId })}`;
    const query = new URLSearchParams({ UniqueId: itemId, ApiVersion: '2.0', tempauth });
    return `${origin}${DOWNLOAD_PATH}?${query.toString()}`;
  }

  /** What a download URL's query grants, or why it grants nothing. */
  verify(params: URLSearchParams): DownloadGrant {
    const tempauth = params.get('tempauth');
    if (!tempauth) return { ok: false, reason: 'missing' };
    const parsed = payloadSchema.safeParse(
      tempauth.startsWith('v1.') ? this.signer.open(tempauth.slice(3)) : undefined,
    );
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    const decoded = parsed.data;
    if (this.now() >= decoded.e) return { ok: false, reason: 'expired' };
    if ((params.get('UniqueId') ?? '').toUpperCase() !== decoded.i.toUpperCase()) {
      return { ok: false, reason: 'otherItem' };
    }
    return { ok: true, driveId: decoded.d, itemId: decoded.i, tenantId: decoded.t };
  }
}

/** The log must not hold a usable download URL: its tempauth is a credential. */
export function redactTempauth(params: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(params);
  if (copy.has('tempauth')) copy.set('tempauth', '<redacted>');
  return copy;
}
