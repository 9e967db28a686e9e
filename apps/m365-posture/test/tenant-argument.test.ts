// With a tenants registry every tool of every server takes a required `tenant` (the kit adds it),
// and list_tenants finds the names; without one, no tool has it. Through a real MCP client, against
// one graph-sim hosting two tenants with one multi-tenant app consented in both. Here rather than in
// each server's tests: posture is the one package that knows all four definitions.
import { complianceServer } from '@m365-mcp/m365-compliance';
import { identityServer } from '@m365-mcp/m365-identity';
import { securityServer } from '@m365-mcp/m365-security';
import { sharepointServer } from '@m365-mcp/m365-sharepoint';
import { callTool, type PortfolioSim, startPortfolioSim, startTestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each([securityServer, identityServer, sharepointServer, complianceServer])(
  'the tenant argument of $name',
  (definition) => {
    let portfolio: PortfolioSim;
    beforeAll(async () => {
      portfolio = await startPortfolioSim(definition.permissions, { names: ['fabrikam'], writes: true });
    });
    afterAll(() => portfolio.close());

    it('is required on every tool, read and write, with a registry', async () => {
      const server = await startTestServer(definition, {
        sim: portfolio.sim,
        tenants: portfolio.tenants,
        allowWrites: true,
      });
      try {
        const { tools } = await server.client.listTools();
        const served = tools.filter((tool) => tool.name !== 'list_tenants');
        // Every tool of the definition is served (writes included), and each requires a tenant.
        expect(served.map((tool) => tool.name).sort()).toEqual(
          definition.tools.map((tool) => tool.name).sort(),
        );
        for (const tool of served) expect(tool.inputSchema.required ?? [], tool.name).toContain('tenant');
        const listed = await callTool(server.client, 'list_tenants');
        expect((listed.structured.tenants as { name: string }[]).map((tenant) => tenant.name)).toEqual([
          'contoso',
          'fabrikam',
        ]);
        const refused = await callTool(server.client, served[0]?.name ?? '', { tenant: 'northwind' });
        expect(refused.isError).toBe(true);
        expect(refused.text).toContain('contoso, fabrikam');
      } finally {
        await server.close();
      }
    });

    it('is on no tool without a registry', async () => {
      const server = await startTestServer(definition, { sim: portfolio.sim, allowWrites: true });
      try {
        const { tools } = await server.client.listTools();
        expect(tools.map((tool) => tool.name)).not.toContain('list_tenants');
        for (const tool of tools) {
          expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).not.toContain('tenant');
        }
      } finally {
        await server.close();
      }
    });
  },
);
