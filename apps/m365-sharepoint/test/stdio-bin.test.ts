// The built bin (bin/m365-sharepoint.js -> dist/bin.js) over stdio: the repository's test command
// builds before testing; build it with `pnpm --filter @m365-mcp/m365-sharepoint build` when developing.
import { type BuiltBin, callTool, useBuiltBin } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharepointPermissions } from '../src/index.js';

let bin: BuiltBin;
beforeAll(async () => {
  bin = await useBuiltBin(new URL('../bin/m365-sharepoint.js', import.meta.url));
});
afterAll(() => bin.close());

describe('the built bin', () => {
  it('--demo serves MCP on stdio: lists the tools and runs the assessment', async () => {
    const { client, protocolErrors } = await bin.connect(['--demo']);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('assess_sharepoint_posture');
    expect(tools.map((t) => t.name)).not.toContain('remove_sharing_link');
    const r = await callTool(client, 'assess_sharepoint_posture', {});
    expect(r.isError).toBeFalsy();
    expect(r.structured.status).toBe('critical');
    expect(protocolErrors).toEqual([]);
  }, 60_000);

  it('permissions --json equals the manifest; --writes adds the write permission', async () => {
    const reads = JSON.parse(await bin.run(['permissions', '--json'])) as {
      permissions: { permission: string }[];
    };
    expect(reads.permissions.map((p) => p.permission)).toEqual([
      'SharePointTenantSettings.Read.All',
      'Sites.Read.All',
      'Organization.Read.All',
    ]);
    const all = JSON.parse(await bin.run(['permissions', '--json', '--writes'])) as {
      permissions: { permission: string }[];
    };
    expect(all.permissions.map((p) => p.permission)).toEqual(
      sharepointPermissions.permissions.map((p) => p.permission),
    );
  }, 30_000);

  it('fails with a non-zero exit code and says why: check without credentials, an unknown option', async () => {
    const check = await bin.exec(['check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/AZURE_TENANT_ID/);
    const unknown = await bin.exec(['--no-such-option']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option/);
  });
});
