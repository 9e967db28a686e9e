// The first bytes of many files, 20 to a $batch with a Range header, so a scan is bounded by bytes
// and never downloads a whole large file. A sub-response that is not the bytes themselves (Graph
// may answer /content with a redirect to a download URL) is reported as not scanned.
import { type GraphClient, graphPath } from '@m365-mcp/graph-core';

export interface ContentRequest {
  driveId: string;
  itemId: string;
}

export type ContentResult = { ok: true; text: string; bytes: number } | { ok: false; reason: string };

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
  for (const r of results) {
    const i = Number(r.id);
    if (r.error || (r.status !== 200 && r.status !== 206)) {
      out[i] = { ok: false, reason: r.error?.message.slice(0, 200) ?? `HTTP ${r.status}` };
    } else if (typeof r.body === 'string') {
      const bytes = Buffer.from(r.body, 'base64').subarray(0, maxBytes);
      out[i] = { ok: true, text: bytes.toString('utf8'), bytes: bytes.length };
    } else {
      out[i] = { ok: false, reason: 'content not returned inline' };
    }
  }
  return out;
}
