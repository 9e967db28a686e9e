// The first bytes of many files, so a scan is bounded by bytes and never downloads a whole large
// file. Files are asked for 20 to a $batch (`GET …/content`). Graph answers each with `302 Found`
// and a pre-authenticated download URL in `location` (learn.microsoft.com/graph/api/
// driveitem-get-content); that URL is then read with a Range, at most DOWNLOADS_AT_ONCE at a time,
// through graph-core's downloadPreauthenticated, which sends no token and reads no more than asked.
// A sub-response that already holds the bytes (200/206: a proxy that follows the redirect) is
// used as it is; the Range on the sub-request bounds that answer too.
import { type BatchResult, type GraphClient, GraphError, graphPath } from '@m365-mcp/graph-core';
import { mapLimited } from './map-limited.js';

export interface ContentRequest {
  driveId: string;
  itemId: string;
}

export type ContentResult = { ok: true; text: string; bytes: number } | { ok: false; reason: string };

/** Download URLs read at once: SharePoint throttles downloads per tenant too. */
export const DOWNLOADS_AT_ONCE = 4;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function readContentPrefixes(
  graph: GraphClient,
  files: readonly ContentRequest[],
  maxBytes: number,
  signal?: AbortSignal,
): Promise<ContentResult[]> {
  if (files.length === 0) return [];
  const results = await graph.batch(
    files.map((f, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: graphPath`/drives/${f.driveId}/items/${f.itemId}/content`,
      headers: { Range: `bytes=0-${maxBytes - 1}` },
    })),
    signal ? { signal } : {},
  );
  const out: ContentResult[] = files.map(() => ({ ok: false, reason: 'no answer' }));
  const redirected: { index: number; location: string }[] = [];
  for (const r of results) {
    const i = Number(r.id);
    const location = r.headers.location;
    if (REDIRECTS.has(r.status) && location !== undefined) redirected.push({ index: i, location });
    else out[i] = inline(r, maxBytes);
  }
  await mapLimited(redirected, DOWNLOADS_AT_ONCE, async ({ index, location }) => {
    out[index] = await download(graph, location, maxBytes, signal);
  });
  return out;
}

function inline(r: BatchResult, maxBytes: number): ContentResult {
  if (r.error || (r.status !== 200 && r.status !== 206)) {
    return { ok: false, reason: r.error?.message.slice(0, 200) ?? `HTTP ${r.status}` };
  }
  if (typeof r.body !== 'string') return { ok: false, reason: 'content not returned inline' };
  return decoded(Buffer.from(r.body, 'base64').subarray(0, maxBytes));
}

async function download(
  graph: GraphClient,
  location: string,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<ContentResult> {
  try {
    const file = await graph.downloadPreauthenticated(location, {
      range: { start: 0, end: maxBytes - 1 },
      maxBytes,
      ...(signal ? { signal } : {}),
    });
    return decoded(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length));
  } catch (error) {
    if (signal?.aborted) throw error;
    // An empty file has no byte 0: its range is not satisfiable, and there is nothing to scan.
    if (error instanceof GraphError && error.status === 416) return decoded(Buffer.alloc(0));
    // graph-core's messages name the host and path only, never the URL's tempauth.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.slice(0, 200) };
  }
}

function decoded(bytes: Buffer): ContentResult {
  return { ok: true, text: bytes.toString('utf8'), bytes: bytes.length };
}
