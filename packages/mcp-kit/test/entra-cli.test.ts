// Entra sign-in on the command line: `permissions --entra`, the flags and variables that configure
// it, the combinations refused before anything starts, and secrets given to a container as files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpAuthenticatorFromOptions, httpSettingsFrom } from '../src/cli/http-flags.js';
import { runServerCli } from '../src/cli/index.js';
import type { EntraAuthenticator } from '../src/http/entra/index.js';
import { makeToken } from './http-harness.js';
import { sampleServer } from './sample-server.js';

const tenant = '11111111-2222-3333-4444-555555555555';
const partner = '99999999-8888-7777-6666-555555555555';

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

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entra-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('permissions --entra', () => {
  it('prints the set-up step by step with the real values after the Graph permissions', async () => {
    const { code, stdout } = await run([
      '--entra-tenant',
      tenant,
      '--public-url',
      'https://mcp.contoso.example/mcp',
      'permissions',
      '--entra',
    ]);
    expect(code).toBe(0);
    const entra = stdout.indexOf('Entra sign-in for m365-sample --http');
    expect(entra).toBeGreaterThan(0);
    const text = stdout.slice(entra);
    for (const expected of [
      'Application ID URI\n   api://m365-sample',
      'Clients ask for api://m365-sample/access_as_user',
      'client id aebc6443-996d-45c2-90f0-388ff96faa56',
      'http://localhost:6274/oauth/callback',
      'https://claude.ai/api/mcp/auth_callback',
      'Enterprise applications',
      'Assignment required? Yes',
      `--entra-tenant ${tenant}`,
      '--public-url https://mcp.contoso.example/mcp',
      'curl https://mcp.contoso.example/.well-known/oauth-protected-resource/mcp',
    ]) {
      expect(text).toContain(expected);
    }
    // The manifest block is JSON an admin can paste.
    const start = text.indexOf('   {');
    const end = text.indexOf('\n   }\n', start);
    const manifest = JSON.parse(text.slice(start, end + 5));
    expect(manifest.identifierUris).toEqual(['api://m365-sample']);
    expect(manifest.appRoles.map((role: { value: string }) => role.value)).toEqual([
      'McpServer.Read',
      'McpServer.Write',
    ]);
    expect(manifest.appRoles[0].allowedMemberTypes).toEqual(['User', 'Application']);
    expect(manifest.api.oauth2PermissionScopes[0]).toMatchObject({ value: 'access_as_user', type: 'User' });
    expect(manifest.api.preAuthorizedApplications).toEqual([
      {
        appId: 'aebc6443-996d-45c2-90f0-388ff96faa56',
        delegatedPermissionIds: [manifest.api.oauth2PermissionScopes[0].id],
      },
    ]);
    // Stable ids: the same block on every run.
    expect((await run(['permissions', '--entra'])).stdout).toContain(manifest.appRoles[1].id);
  });

  it('plain permissions prints no Entra section, and --entra refuses --json', async () => {
    expect((await run(['permissions'])).stdout).not.toContain('Entra sign-in for');
    const refused = await run(['permissions', '--entra', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('drop --json');
  });
});

describe('--http with Entra sign-in: settings', () => {
  const entraEnv = {
    M365_MCP_ENTRA_TENANT: tenant,
    M365_MCP_ENTRA_AUDIENCE: 'api://m365-sample, aaaaaaaa-0000-0000-0000-000000000001',
  };

  it('from the variables: an Entra authenticator with the audiences, the home tenant and the cloud authority', () => {
    const settings = httpSettingsFrom(
      { http: true },
      { ...entraEnv, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' },
      { name: 'm365-sample' },
    );
    const auth = settings?.auth as EntraAuthenticator;
    expect(auth.kind).toBe('entra');
    expect(auth.options.audiences).toEqual(['api://m365-sample', 'aaaaaaaa-0000-0000-0000-000000000001']);
    expect([...auth.options.allowedTenants]).toEqual([tenant]);
    expect(auth.options.authority).toBe('https://login.microsoftonline.us');
    expect(auth.options.resourceName).toBe('m365-sample');
    expect(auth.options.keepAssertion).toBe(false);
  });

  it('the flags win over the variables; the public URL host is accepted behind the proxy', () => {
    const settings = httpSettingsFrom(
      {
        http: true,
        entraTenant: tenant,
        entraAudience: ['api://other'],
        entraAllowedTenants: `${tenant},${partner}`,
        publicUrl: 'https://mcp.contoso.example/mcp',
      },
      entraEnv,
      { keepAssertion: true },
    );
    const auth = settings?.auth as EntraAuthenticator;
    expect(auth.options.audiences).toEqual(['api://other']);
    expect([...auth.options.allowedTenants]).toEqual([tenant, partner]);
    expect(auth.options.publicUrl?.href).toBe('https://mcp.contoso.example/mcp');
    expect(auth.options.keepAssertion).toBe(true);
    expect(settings?.allowedHosts).toEqual(['mcp.contoso.example']);
  });

  it('refuses Entra and static tokens at once, Entra with --http-no-auth, and half an Entra configuration', () => {
    expect(() => httpSettingsFrom({ http: true }, { ...entraEnv, M365_MCP_HTTP_TOKEN: makeToken() })).toThrow(
      /Entra sign-in \(--entra-tenant\) and static tokens \(M365_MCP_HTTP_TOKEN\) contradict each other/,
    );
    expect(() => httpSettingsFrom({ http: true, httpNoAuth: true }, entraEnv)).toThrow(
      /--http-no-auth and Entra sign-in/,
    );
    expect(() => httpSettingsFrom({ http: true, entraTenant: tenant }, {})).toThrow(
      /needs the server app's audience: --entra-audience/,
    );
    expect(() => httpSettingsFrom({ http: true, entraAudience: ['api://x'] }, {})).toThrow(
      /needs the server's home tenant: --entra-tenant/,
    );
    expect(() =>
      httpSettingsFrom({ http: true, entraTenant: 'contoso.com', entraAudience: ['api://x'] }, {}),
    ).toThrow(/must be the home tenant's id \(a GUID/);
    expect(() =>
      httpSettingsFrom(
        { http: true, publicUrl: 'https://x.example/mcp' },
        { M365_MCP_HTTP_TOKEN: makeToken() },
      ),
    ).toThrow(/--public-url .* needs Entra sign-in/);
    expect(() => httpSettingsFrom({ entraTenant: tenant }, {})).toThrow(
      '--entra-tenant only apply with --http.',
    );
  });

  it('the command line refuses a bad combination before anything starts', async () => {
    const { code, stderr } = await run(['--demo', '--http', '--entra-tenant', tenant], {});
    expect(code).toBe(1);
    expect(stderr).toContain('--entra-audience');
  });

  it('httpAuthenticatorFromOptions: entra, token or none', async () => {
    expect((await httpAuthenticatorFromOptions({}, entraEnv)).kind).toBe('entra');
    expect(
      (await httpAuthenticatorFromOptions({}, { M365_MCP_HTTP_TOKEN: makeToken() }, { name: 'm365-sample' }))
        .kind,
    ).toBe('token');
    expect((await httpAuthenticatorFromOptions({ httpNoAuth: true }, {})).kind).toBe('none');
  });
});

describe('M365_MCP_HTTP_TOKEN_FILE', () => {
  it('reads the token from the file, without its trailing newline', async () => {
    const token = makeToken();
    const file = join(dir, 'token');
    await writeFile(file, `${token}\n`);
    const authenticator = await httpAuthenticatorFromOptions({}, { M365_MCP_HTTP_TOKEN_FILE: file });
    expect((await authenticator.authenticate(`Bearer ${token}`)).kind).toBe('ok');
  });

  it('refuses the variable and the file at once, and a file it cannot read, without echoing a token', async () => {
    const token = makeToken();
    const file = join(dir, 'token-both');
    await writeFile(file, token);
    const both = await run(['--demo', '--http'], {
      M365_MCP_HTTP_TOKEN: token,
      M365_MCP_HTTP_TOKEN_FILE: file,
    });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      'M365_MCP_HTTP_TOKEN and M365_MCP_HTTP_TOKEN_FILE are both set: keep one of them.',
    );
    expect(both.stderr).not.toContain(token);
    const missing = await run(['--demo', '--http'], { M365_MCP_HTTP_TOKEN_FILE: join(dir, 'absent') });
    expect(missing.stderr).toMatch(
      /M365_MCP_HTTP_TOKEN_FILE names .*absent, which cannot be read \(ENOENT\)/,
    );
  });
});
