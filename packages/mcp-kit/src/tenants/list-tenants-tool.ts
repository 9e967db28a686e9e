// `list_tenants`: how a model finds the names the `tenant` argument takes. It exists only when the
// server serves a tenants registry, and is the one tool that takes no `tenant`.
import { z } from 'zod';
import { defineTool, readOnlyAnnotations, type ToolDefinition } from '../tools/define-tool.js';
import { type TenantConnections, toolTenantOf } from './tenant-connections.js';

export const listTenantsToolName = 'list_tenants';

const tenantShape = z.object({
  name: z.string(),
  displayName: z.string(),
  tenantId: z.string(),
});

/** Listed whole up to this; a larger registry is paged with `limit` and `offset`. */
const DEFAULT_LIMIT = 100;

export function listTenantsTool(tenants: TenantConnections): ToolDefinition {
  return defineTool({
    name: listTenantsToolName,
    title: 'List tenants',
    description:
      "The tenants this server serves (name, display name, tenant id): pass one's name as every other tool's `tenant`.",
    input: {
      limit: z.number().int().min(1).max(1000).default(DEFAULT_LIMIT).describe('At most this many'),
      offset: z.number().int().min(0).default(0).describe('Skip this many (paging)'),
    },
    output: { tenants: z.array(tenantShape), total: z.number().int() },
    // Reads only the server's own registry, never a tenant.
    annotations: { ...readOnlyAnnotations, openWorldHint: false },
    handler: async ({ limit, offset }) => {
      const all = tenants.registry.tenants.map(toolTenantOf);
      const page = all.slice(offset, offset + limit);
      const more = offset + page.length < all.length;
      const lines = page.map((t) => `${t.name}: ${t.displayName} (${t.tenantId})`);
      return {
        structured: { tenants: page, total: all.length },
        summary: `${all.length} tenant${all.length === 1 ? '' : 's'}${
          page.length < all.length ? `, ${offset + 1}-${offset + page.length} shown` : ''
        }:\n${lines.join('\n')}${more ? `\nCall again with offset ${offset + page.length} for more.` : ''}`,
      };
    },
  });
}
