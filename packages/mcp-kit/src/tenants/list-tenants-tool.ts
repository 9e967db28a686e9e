// `list_tenants`: how a model finds the names the `tenant` argument takes. It exists only when the
// server serves a tenants registry, and is the one tool that takes no `tenant`.
import { z } from 'zod';
import { cursorSchema, limitSchema, paginate } from '../tools/cursor.js';
import { defineTool, readOnlyAnnotations, type ToolDefinition } from '../tools/define-tool.js';
import { type TenantConnections, toolTenantOf } from './tenant-connections.js';

export const listTenantsToolName = 'list_tenants';

const tenantShape = z.object({
  name: z.string(),
  displayName: z.string(),
  tenantId: z.string(),
});

export function listTenantsTool(tenants: TenantConnections): ToolDefinition {
  return defineTool({
    name: listTenantsToolName,
    title: 'List tenants',
    description:
      "The tenants this server serves (name, display name, tenant id): pass one's name as every other tool's `tenant`.",
    input: { limit: limitSchema, cursor: cursorSchema },
    output: { tenants: z.array(tenantShape), total: z.number().int(), cursor: z.string().optional() },
    // Reads only the server's own registry, never a tenant.
    annotations: { ...readOnlyAnnotations, openWorldHint: false },
    handler: async ({ limit, cursor }) => {
      const all = tenants.registry.tenants.map(toolTenantOf);
      const { page, cursor: next } = paginate(all, { limit, cursor });
      const lines = page.map((t) => `${t.name}: ${t.displayName} (${t.tenantId})`);
      return {
        structured: { tenants: page, total: all.length, ...(next === undefined ? {} : { cursor: next }) },
        summary: `${page.length} of ${all.length} tenant${all.length === 1 ? '' : 's'}${
          next === undefined ? '' : ' (pass the cursor for more)'
        }:\n${lines.join('\n')}`,
      };
    },
  });
}
