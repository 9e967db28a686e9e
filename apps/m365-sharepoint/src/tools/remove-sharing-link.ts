import { graphPath } from '@m365-mcp/graph-core';
import { defineWriteTool, refuse, type WriteToolDefinition } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { classifyPermission, tenantIdentityFor } from '../analysis/classify-permission.js';
import { graphPermissionSchema } from '../analysis/graph-permission.js';
import type { Now } from '../clock.js';

const id = z.string().min(1).max(400);

/** `now` is the server's clock: the plan says when a link has already expired (removing it is tidying up). */
export const removeSharingLink = (now: Now): WriteToolDefinition =>
  defineWriteTool({
    name: 'remove_sharing_link',
    title: 'Remove a sharing link or grant',
    description:
      'Removes one sharing permission (an anyone, organization or specific-people link, or a direct grant) from a ' +
      'file or folder. First call returns a plan (the exact DELETE request, who loses access) under a plan id; a ' +
      'second call with that planId applies it. Ids come from analyze_sharepoint_permissions or ' +
      'audit_sharepoint_sites. Site groups, owners and inherited permissions are refused.',
    input: {
      drive_id: id.describe('The drive (library) id'),
      item_id: id.describe('The item id'),
      permission_id: id.describe('The permission id to remove'),
    },
    async plan(args, ctx) {
      const path = graphPath`/drives/${args.drive_id}/items/${args.item_id}/permissions/${args.permission_id}`;
      const permission = await ctx.graph.get(path, { schema: graphPermissionSchema, signal: ctx.signal });
      if (permission.inheritedFrom) {
        refuse(
          `This permission is inherited from item ${permission.inheritedFrom.id ?? 'a parent folder'}; remove it there.`,
        );
      }
      const c = classifyPermission(permission, tenantIdentityFor('tenant.sharepoint.com'), now());
      if (c.structural)
        refuse('This is a site group or owner permission, not a sharing link; it is not removed here.');
      const who =
        c.scope === 'anonymous'
          ? 'anyone who has the link'
          : c.scope === 'organization'
            ? 'everyone in the organization who has the link'
            : c.grantees.map((g) => ctx.tenantText(g.email ?? g.displayName, 200)).join(', ') ||
              'its grantees';
      return {
        summary: `Remove the ${c.expired ? 'expired ' : ''}${c.scope} ${c.access} ${c.isLink ? 'link' : 'grant'} from item ${args.item_id}.`,
        targets: [
          { type: 'driveItem', id: args.item_id },
          { type: 'permission', id: args.permission_id, displayName: `${c.scope} ${c.access}` },
        ],
        requests: [{ method: 'DELETE', path }],
        blastRadius: c.expired
          ? `None: this ${c.isLink ? 'link' : 'grant'} expired on ${c.expires}, so it already gives no access; removing it tidies the list. Other permissions are untouched.`
          : `${who} lose access through this ${c.isLink ? 'link' : 'grant'} to the item${c.isLink ? ' and everything under it if it is a folder' : ''}. Other permissions are untouched.`,
        reversible: false,
        undo: 'A new link or grant can be created, but an old link URL stops working for good.',
      };
    },
  });
