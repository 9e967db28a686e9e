// File content: the bytes of a file, with byte ranges (206) so a scanner can read a bounded prefix.
// Files planted with text return it; others return filler of their size. Graph answers with a
// redirect to a download URL; the simulator serves the bytes directly.
import { badRequest, GraphSimError, type RouteDefinition, type RouteResult } from '../../engine/route.js';
import type { SimDriveItem } from '../../tenant/sharepoint.js';
import { findDrive, findItem } from './lookup.js';

function bytesOf(item: SimDriveItem): Buffer {
  if (item.content !== undefined) return Buffer.from(item.content, 'utf8');
  return Buffer.alloc(item.size, 0x20);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`, against a body of `size` bytes. */
function parseRange(header: string, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Math.min(Number(m[2]), size);
    return { start: size - n, end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start > end || start >= size) {
    throw new GraphSimError(416, 'invalidRange', 'The requested range is not satisfiable.', {
      'Content-Range': `bytes */${size}`,
    });
  }
  return { start, end };
}

export const contentRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/drives/{driveId}/items/{itemId}/content',
    workload: 'sharepoint',
    cost: 1,
    handler: (ctx): RouteResult => {
      const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
      const item = findItem(drive, ctx.params.itemId ?? '');
      if (item.kind !== 'file') throw badRequest('The item is a folder; only files have content.');
      const bytes = bytesOf(item);
      const contentType = item.mimeType ?? 'application/octet-stream';
      const range = ctx.headers.range ? parseRange(ctx.headers.range, bytes.length) : undefined;
      if (!range) {
        return { kind: 'raw', status: 200, body: bytes, contentType, headers: { 'Accept-Ranges': 'bytes' } };
      }
      return {
        kind: 'raw',
        status: 206,
        body: bytes.subarray(range.start, range.end + 1),
        contentType,
        headers: {
          'Accept-Ranges': 'bytes',
          'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}`,
        },
      };
    },
  },
];
