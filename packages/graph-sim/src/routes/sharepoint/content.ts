// File content. Graph answers `/content` (plain or inside $batch) with `302 Found` and a `Location`
// holding a pre-authenticated download URL, with no body (learn.microsoft.com/graph/api/
// driveitem-get-content; the JSON batching page's example shows the sub-response as
// `{"status":302,"headers":{"location":…}}`). The URL is served by ../../engine/file-download.ts.
// In `inline` mode (a simulator started with fileContent: 'inline') the bytes are served directly,
// with byte ranges, as a proxy that follows the redirect would.
import { badRequest, type RouteDefinition, type RouteResult } from '../../engine/route.js';
import { fileBody } from './file-bytes.js';
import { findDrive, findItem } from './lookup.js';

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
      if (ctx.downloads.contentMode === 'redirect') {
        return { kind: 'redirect', location: ctx.downloads.urlFor(drive.id, item.id) };
      }
      const { status, body, headers } = fileBody(item, ctx.headers.range);
      return { kind: 'raw', status, body, contentType: item.mimeType ?? 'application/octet-stream', headers };
    },
  },
];
