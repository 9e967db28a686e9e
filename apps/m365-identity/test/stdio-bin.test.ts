// The BUILT bin (bin/m365-identity.js -> dist/bin.js; the repo's test task builds first) over stdio:
// --demo serves MCP with nothing but protocol on stdout, the assessment answers, and
// `permissions --json` prints exactly the manifest.
import { permissionsFor } from '@m365-mcp/auth';
import { type BuiltBin, useBuiltBin } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityPermissions } from '../src/index.js';
import { callTool } from './support.js';

let bin: BuiltBin;
beforeAll(async () => {
  bin = await useBuiltBin(new URL('../bin/m365-identity.js', import.meta.url));
});
afterAll(() => bin.close());

describe('the built m365-identity bin', () => {
  it('--demo: lists the tools and runs the assessment over stdio', async () => {
    const { client, protocolErrors } = await bin.connect(['--demo']);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('assess_identity_posture');
    expect(tools.map((tool) => tool.name)).not.toContain('contain_user');
    const result = await callTool(client, 'assess_identity_posture', {});
    expect(result.isError).toBeFalsy();
    expect(result.structured.status).toBe('critical');
    expect(result.text).toMatch(/^Identity posture: CRITICAL/);
    expect(protocolErrors).toEqual([]);
  }, 60_000);

  it('permissions --json prints exactly the manifest (reads; writes with --writes)', async () => {
    const reads = JSON.parse(await bin.run(['permissions', '--json'])) as {
      server: string;
      permissions: { permission: string }[];
    };
    expect(reads.server).toBe('m365-identity');
    expect(reads.permissions.map((p) => p.permission)).toEqual(
      permissionsFor(identityPermissions, { writes: false }).map((p) => p.permission),
    );
    const withWrites = JSON.parse(await bin.run(['permissions', '--json', '--writes'])) as {
      permissions: { permission: string; access: string }[];
      requiredResourceAccess: { resourceAccess: { id: string }[] }[];
    };
    expect(
      withWrites.permissions
        .filter((p) => p.access === 'write')
        .map((p) => p.permission)
        .sort(),
    ).toEqual([
      'IdentityRiskyUser.ReadWrite.All',
      'User.EnableDisableAccount.All',
      'User.RevokeSessions.All',
    ]);
    expect(withWrites.requiredResourceAccess[0]?.resourceAccess).toHaveLength(
      identityPermissions.permissions.length,
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
