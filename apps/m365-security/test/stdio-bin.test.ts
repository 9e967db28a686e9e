// The BUILT bin over stdio (the repo's test command builds first): --demo serves MCP, the
// assessment answers, and `permissions --json` prints exactly the manifest.
import { type BuiltBin, useBuiltBin } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callTool } from './call-tool.js';
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
});
