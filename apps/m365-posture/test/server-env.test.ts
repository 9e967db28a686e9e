import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPosture } from '../src/run.js';
import { environmentFor, serverEnvPrefix } from '../src/server-env.js';
import type { ServerCommand } from '../src/servers.js';

const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));
const fake = (name: string): ServerCommand => ({ name, command: process.execPath, args: [fakeServer] });

const shared = {
  PATH: '/usr/bin',
  AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
  AZURE_CLIENT_ID: 'shared-app',
  AZURE_CLIENT_SECRET: 'shared-secret',
  NODE_OPTIONS: '--inspect',
};

describe('environmentFor: one app registration per server', () => {
  it('names the prefix after the server', () => {
    expect(serverEnvPrefix('m365-identity')).toBe('M365_IDENTITY__');
  });

  it('gives a server without variables of its own the shared environment', () => {
    expect(environmentFor('m365-security', shared)).toEqual({
      PATH: '/usr/bin',
      AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
      AZURE_CLIENT_ID: 'shared-app',
      AZURE_CLIENT_SECRET: 'shared-secret',
    });
  });

  it('lets a server’s own credential replace every shared credential variable, never mixing two apps', () => {
    const env = environmentFor('m365-identity', {
      ...shared,
      M365_IDENTITY__AZURE_CLIENT_ID: 'identity-app',
      M365_IDENTITY__AZURE_CLIENT_CERTIFICATE_PATH: '/certs/identity.pem',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
      AZURE_CLIENT_ID: 'identity-app',
      AZURE_CLIENT_CERTIFICATE_PATH: '/certs/identity.pem',
    });
  });

  it('never shows a server another server’s variables, and leaves unrelated ones alone', () => {
    const env = environmentFor(
      'm365-security',
      {
        ...shared,
        M365_IDENTITY__AZURE_CLIENT_SECRET: 'identity-secret',
        M365_SHAREPOINT__M365_ACCESS_TOKEN: 'sharepoint-token',
        CUSTOM_SERVER__AZURE_CLIENT_SECRET: 'custom-secret',
        // npm sets variables like this one; they are not ours to drop.
        npm_config__jsr_registry: 'https://npm.jsr.io/',
        TOOL__SETTING: 'kept',
      },
      ['m365-security', 'custom-server'],
    );
    expect(Object.values(env)).not.toContain('identity-secret');
    expect(Object.values(env)).not.toContain('sharepoint-token');
    expect(Object.values(env)).not.toContain('custom-secret');
    expect(env).toMatchObject({ npm_config__jsr_registry: 'https://npm.jsr.io/', TOOL__SETTING: 'kept' });
  });

  it('keeps non-credential overrides beside the shared credential', () => {
    const env = environmentFor('m365-compliance', {
      ...shared,
      M365_COMPLIANCE__M365_AUDIT_LOG: '/logs/c.jsonl',
    });
    expect(env).toMatchObject({ AZURE_CLIENT_ID: 'shared-app', M365_AUDIT_LOG: '/logs/c.jsonl' });
  });
});

describe('runPosture outside the demo', () => {
  it('starts each server with its own app’s credentials and nothing of the others', async () => {
    const { outcomes } = await runPosture({
      demo: false,
      servers: [fake('m365-security'), fake('m365-identity')],
      env: {
        ...process.env,
        // What npm run adds to the environment: a lower-case name with a double underscore.
        npm_config__jsr_registry: 'https://npm.jsr.io/',
        ...shared,
        FAKE_ASSESSMENT: 'env',
        M365_IDENTITY__AZURE_CLIENT_ID: 'identity-app',
        M365_IDENTITY__AZURE_CLIENT_SECRET: 'identity-secret',
      },
    });
    const seen = (server: string) => {
      const outcome = outcomes.find((o) => o.server === server);
      if (outcome?.state !== 'assessed') throw new Error(`${server} was not assessed`);
      return outcome.assessments[0]?.assessment.nextActions ?? [];
    };
    expect(seen('m365-security')).toEqual(
      expect.arrayContaining(['client-id=shared-app', 'secret=shared-secret', 'scoped=']),
    );
    expect(seen('m365-identity')).toEqual(
      expect.arrayContaining(['client-id=identity-app', 'secret=identity-secret', 'scoped=']),
    );
  });
});
