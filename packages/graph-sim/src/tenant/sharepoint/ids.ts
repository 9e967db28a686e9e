// Deterministic identifiers in SharePoint's formats, derived from a seed text, so that the demo and
// the generated tenants have the same ids on every run (tests and docs can name them).
import { createHash } from 'node:crypto';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** A version-5-style GUID (lower case) from a seed text. */
export function stableGuid(seed: string): string {
  const b = Buffer.from(digest(seed).subarray(0, 16));
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A site id: `{hostname},{siteCollectionId},{webId}`. */
export function siteIdFor(hostname: string, path: string): string {
  return `${hostname},${stableGuid(`site:${hostname}${path}`)},${stableGuid(`web:${hostname}${path}`)}`;
}

/** A drive id in SharePoint's `b!` form (base64url of the site and list ids). */
export function driveIdFor(siteId: string, name: string): string {
  return `b!${digest(`drive:${siteId}:${name}`).toString('base64url')}${digest(`list:${siteId}:${name}`).toString('base64url').slice(0, 21)}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A drive item id like SharePoint's: `01` and 32 base-32 characters. */
export function itemIdFor(driveId: string, key: string): string {
  const bytes = digest(`item:${driveId}:${key}`);
  let out = '01';
  for (let i = 0; i < 32; i++) out += BASE32[(bytes[i] as number) & 31];
  return out;
}

/** An opaque token for sharing-link URLs. */
export function linkToken(seed: string): string {
  return `E${digest(`link:${seed}`).toString('base64url').slice(0, 45)}`;
}
