import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runServerCli } from '../src/cli/index.js';
import { sampleServer } from './sample-server.js';

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runServerCli(sampleServer, ['node', 'm365-sample', ...args], {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const permissionsJson = z.object({
  server: z.literal('m365-sample'),
  permissions: z.array(
    z.object({ permission: z.string(), id: z.string(), reason: z.string(), access: z.string() }),
  ),
  requiredResourceAccess: z.array(
    z.object({
      resourceAppId: z.string(),
      resourceAccess: z.array(z.object({ id: z.string(), type: z.string() })),
    }),
  ),
});

describe('the server command line', () => {
  it('permissions --json lists the read set with ids and a requiredResourceAccess block', async () => {
    const { code, stdout } = await run(['permissions', '--json']);
    expect(code).toBe(0);
    const parsed = permissionsJson.parse(JSON.parse(stdout));
    expect(parsed.permissions.map((p) => p.permission)).toEqual(['User.Read.All']);
    expect(parsed.permissions[0]?.id).toBe('df021288-bdef-4463-88db-98f22de89214');
    expect(parsed.requiredResourceAccess[0]?.resourceAccess).toEqual([
      { id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' },
    ]);
  });

  it('permissions --json --writes adds the write set', async () => {
    const { stdout } = await run(['permissions', '--json', '--writes']);
    const parsed = permissionsJson.parse(JSON.parse(stdout));
    expect(parsed.permissions.map((p) => p.permission)).toEqual(['User.Read.All', 'User.ReadWrite.All']);
  });

  it('permissions prints a readable table', async () => {
    const { code, stdout } = await run(['permissions']);
    expect(code).toBe(0);
    expect(stdout).toContain('User.Read.All');
    expect(stdout).not.toContain('User.ReadWrite.All');
  });

  it('an unknown option is an error with a non-zero exit code', async () => {
    const { code, stderr } = await run(['--no-such-option']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/unknown option/);
  });

  it('check without credentials fails with a configuration message and exit 1', async () => {
    const { code, stderr } = await run(['check'], {});
    expect(code).toBe(1);
    expect(stderr).toMatch(/AZURE_TENANT_ID|AZURE_CLIENT_ID|credential/i);
  });

  it('check --demo signs in to the demo tenant and finds nothing missing', async () => {
    const { code, stdout } = await run(['--demo', 'check']);
    expect(stdout).toContain('User.Read.All');
    expect(code).toBe(0);
  });
});

describe('permissions --delegated', () => {
  it('prints the delegated scopes and the directory roles an admin needs, with the writes on request', async () => {
    const read = await run(['permissions', '--delegated']);
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('Delegated mode for m365-sample (read-only)');
    expect(read.stdout).toContain('User.Read.All');
    expect(read.stdout).not.toContain('User.ReadWrite.All');
    const writes = await run(['permissions', '--delegated', '--writes']);
    expect(writes.stdout).toContain('Delegated mode for m365-sample (reads and writes)');
    expect(writes.stdout).toContain('User.ReadWrite.All');
  });

  it('refuses --json with --delegated', async () => {
    const { code, stderr } = await run(['permissions', '--delegated', '--json']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('--delegated prints text for an admin: drop --json.');
  });
});
