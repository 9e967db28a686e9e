// Which domains are the tenant's own, so a grant to anyone else reads as external: every verified
// domain Entra lists for the tenant (GET /organization, verifiedDomains), the initial
// <name>.onmicrosoft.com, and the configured internalDomains. The SharePoint host name alone is a
// guess (contoso.sharepoint.com need not own contoso.com, and a tenant has more than one domain):
// it decides only when /organization cannot be read (Organization.Read.All not granted), and the
// log says so.
import { ForbiddenError } from '@m365-mcp/graph-core';
import type { ToolContext } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { type TenantIdentity, tenantIdentityFor } from '../analysis/classify-permission.js';

const organizationPage = z.object({
  verifiedDomains: z
    .array(z.object({ name: z.string() }).passthrough())
    .nullable()
    .optional(),
});

export async function readTenantIdentity(
  ctx: Pick<ToolContext, 'graph' | 'signal' | 'log'>,
  hostname: string,
  configuredDomains: readonly string[],
): Promise<TenantIdentity> {
  try {
    const organization = await ctx.graph.list('/organization', {
      query: { $select: 'verifiedDomains' },
      schema: organizationPage,
      maxItems: 1,
      signal: ctx.signal,
    });
    const verified = (organization.items[0]?.verifiedDomains ?? []).map((d) => d.name.toLowerCase());
    const initial = tenantIdentityFor(hostname).internalDomains.filter((d) => d.endsWith('.onmicrosoft.com'));
    return { internalDomains: [...new Set([...verified, ...initial, ...configuredDomains])] };
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    ctx.log.warning(
      "The tenant's verified domains could not be read (Organization.Read.All is not granted): only the domain the SharePoint host name suggests and settings.internalDomains count as internal.",
    );
    return tenantIdentityFor(hostname, configuredDomains);
  }
}
