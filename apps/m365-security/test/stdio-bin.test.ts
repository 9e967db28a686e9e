// The BUILT bin over stdio (the repo's test command builds first): --demo serves MCP, the
// assessment answers, and `permissions --json` prints exactly the manifest.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startGraphSim } from '@m365-mcp/graph-sim';
import { type BuiltBin, callTool, useBuiltBin } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { results, structured } from './structured.js';

let bin: BuiltBin;
beforeAll(async () => {
  bin = await useBuiltBin(new URL('../bin/m365-security.js', import.meta.url));
});
afterAll(() => bin.close());

const manifestSchema = z.object({
  server: z.string(),
  permissions: z.array(z.object({ permission: z.string(), id: z.string(), reason: z.string() })),
});

describe('the m365-security bin', () => {
  it('--demo: lists the read tools and answers the assessment over stdio', async () => {
    const { client, protocolErrors } = await bin.connect(['--demo']);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('assess_security_posture');
    expect(tools.map((tool) => tool.name)).not.toContain('respond_to_incident');
    const r = await callTool(client, 'assess_security_posture', {});
    expect(structured(results.assess_security_posture, r).status).toBe('critical');
    expect(protocolErrors).toEqual([]);
  });

  it('permissions --json lists exactly the read set, and --writes adds the write set', async () => {
    const readSet = manifestSchema.parse(JSON.parse(await bin.run(['permissions', '--json'])));
    expect(readSet.server).toBe('m365-security');
    expect(readSet.permissions.map((p) => p.permission)).toEqual([
      'SecurityEvents.Read.All',
      'SecurityAlert.Read.All',
      'SecurityIncident.Read.All',
      'RoleManagement.Read.Directory',
    ]);
    const withWrites = manifestSchema.parse(JSON.parse(await bin.run(['permissions', '--json', '--writes'])));
    expect(withWrites.permissions.map((p) => p.permission)).toEqual([
      ...readSet.permissions.map((p) => p.permission),
      'SecurityIncident.ReadWrite.All',
      'SecurityAlert.ReadWrite.All',
    ]);
  });

  it('fails with a non-zero exit code and says why: check without credentials, an unknown option', async () => {
    const check = await bin.exec(['check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/AZURE_TENANT_ID/);
    const unknown = await bin.exec(['--no-such-option']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option/);
  });

  it('check with a wrong secret exits 1 and says why sign-in failed, without the secret', async () => {
    const sim = await startGraphSim();
    try {
      const app = sim.registerApp({ roles: ['SecurityEvents.Read.All'], secret: 'the-right-secret' });
      const caFile = join(bin.home, 'graph-sim-ca.pem');
      await writeFile(caFile, sim.ca);
      const wrongSecret = 'not-the-secret-0123456789';
      const check = await bin.exec(['check'], {
        AZURE_TENANT_ID: sim.tenantId,
        AZURE_CLIENT_ID: app.clientId,
        AZURE_CLIENT_SECRET: wrongSecret,
        AZURE_AUTHORITY_HOST: sim.url,
        M365_GRAPH_URL: sim.url,
        NODE_EXTRA_CA_CERTS: caFile,
      });
      expect(check.code).toBe(1);
      expect(check.stderr).toMatch(
        /Signing in to Microsoft Entra ID failed\..*Invalid client secret provided/s,
      );
      expect(check.stderr).not.toMatch(/failed unexpectedly/);
      expect(`${check.stdout}${check.stderr}`).not.toContain(wrongSecret);
    } finally {
      await sim.close();
    }
  }, 30_000);
});
