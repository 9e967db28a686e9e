// The bytes of a simulated file and the byte ranges of them, shared by the download URL (Graph's
// real answer) and the inline /content answer (what a proxy that follows the redirect returns).
import { GraphSimError } from '../../engine/route.js';
import type { SimDriveItem } from '../../tenant/sharepoint.js';

/** Files planted with text return it; others return filler of their size. */
export function bytesOf(item: SimDriveItem): Buffer {
  if (item.content !== undefined) return Buffer.from(item.content, 'utf8');
  return Buffer.alloc(item.size, 0x20);
}

/**
 * `bytes=a-b`, `bytes=a-` or `bytes=-n` against a body of `size` bytes; undefined for a header that is
 * not one range (served whole, as RFC 9110 allows); a 416 when the range starts past the end.
 */
export function parseRange(header: string, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Math.min(Number(m[2]), size);
    if (n === 0) throw unsatisfiable(size);
    return { start: size - n, end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start > end || start >= size) throw unsatisfiable(size);
  return { start, end };
}

function unsatisfiable(size: number): GraphSimError {
  return new GraphSimError(416, 'invalidRange', 'The requested range is not satisfiable.', {
    'Content-Range': `bytes */${size}`,
  });
}

export interface FileBody {
  status: 200 | 206;
  body: Buffer;
  headers: Record<string, string>;
}

/** The whole file (200) or the range asked for (206, with Content-Range). */
export function fileBody(item: SimDriveItem, rangeHeader: string | undefined): FileBody {
  const bytes = bytesOf(item);
  const range = rangeHeader ? parseRange(rangeHeader, bytes.length) : undefined;
  if (!range) return { status: 200, body: bytes, headers: { 'Accept-Ranges': 'bytes' } };
  return {
    status: 206,
    body: bytes.subarray(range.start, range.end + 1),
    headers: {
      'Accept-Ranges': 'bytes',
      'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}`,
    },
  };
}
