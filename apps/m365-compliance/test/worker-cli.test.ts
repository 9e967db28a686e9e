// `m365-compliance worker` and `enqueue` refuse what they cannot run with, saying what is missing,
// before touching a database; a password in DATABASE_URL never shows in what they print.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEnqueueCli, runWorkerCli } from '../src/worker/cli.js';

async function registryFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-worker-cli-'));
  const path = join(dir, 'tenants.json');
  await writeFile(
    path,
    JSON.stringify({
      signIn: { clientId: '11111111-1111-4111-8111-111111111111', secretEnv: 'MSP_SECRET' },
      tenants: [{ name: 'contoso', tenantId: '22222222-2222-4222-8222-222222222222' }],
    }),
  );
  return path;
}

function capture() {
  let text = '';
  return {
    write: (t: string) => {
      text += t;
    },
    text: () => text,
  };
}

describe('worker and enqueue command lines', () => {
  it('worker without DATABASE_URL: exit 2 and what to set', async () => {
    const err = capture();
    const code = await runWorkerCli(['--tenants', await registryFile()], { env: {}, stderr: err.write });
    expect(code).toBe(2);
    expect(err.text()).toContain('m365-compliance worker needs DATABASE_URL');
  });

  it('worker without a registry, or with a bad --concurrency: exit 2 saying which', async () => {
    const env = { DATABASE_URL: 'postgres://u@127.0.0.1:1/db' };
    const noRegistry = capture();
    expect(await runWorkerCli([], { env, stderr: noRegistry.write })).toBe(2);
    expect(noRegistry.text()).toContain('--tenants <file> (or M365_TENANTS_FILE) is needed');
    const bad = capture();
    expect(
      await runWorkerCli(['--tenants', await registryFile(), '--concurrency', 'many'], {
        env,
        stderr: bad.write,
      }),
    ).toBe(2);
    expect(bad.text()).toContain('--concurrency must be a whole number from 1 to 64');
  });

  it('enqueue of a tenant not in the registry names the valid ones; nothing is queued', async () => {
    const err = capture();
    const code = await runEnqueueCli(['--tenants', await registryFile(), '--tenant', 'fabrikam'], {
      env: { DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/db' },
      stderr: err.write,
      stdout: () => undefined,
    });
    expect(code).toBe(1);
    expect(err.text()).toContain('fabrikam');
    expect(err.text()).toContain('contoso');
    expect(err.text()).not.toContain('hunter2');
  });

  it('a database that cannot be reached: exit 1, host and port, never the password', async () => {
    const err = capture();
    const code = await runEnqueueCli(['--tenants', await registryFile()], {
      env: { DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/db' },
      stderr: err.write,
      stdout: () => undefined,
    });
    expect(code).toBe(1);
    expect(err.text()).not.toContain('hunter2');
    expect(err.text()).toMatch(/127\.0\.0\.1/);
  });
});
