import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ServerConfigError } from '../src/config/load-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('defaults: read-only, audit log under ~/.m365-mcp/audit/<server>.jsonl, its key made in ~/.m365-mcp/keys', async () => {
    const config = await loadConfig({ server: 'm365-test', env: {}, home: '/home/alice' });
    expect(config).toEqual({
      auditLogPath: '/home/alice/.m365-mcp/audit/m365-test.jsonl',
      auditKey: { file: '/home/alice/.m365-mcp/keys/audit.key', create: true },
      breakGlassAccounts: [],
      allowWrites: false,
      demo: false,
      outputSchemas: false,
      settings: {},
    });
  });

  it('lists output schemas only when asked: --output-schemas, M365_MCP_OUTPUT_SCHEMAS or the file', async () => {
    const file = join(dir, 'schemas.json');
    await writeFile(file, JSON.stringify({ outputSchemas: true }));
    const fromFile = await loadConfig({ server: 's', env: { M365_MCP_CONFIG: file } });
    expect(fromFile.outputSchemas).toBe(true);
    const envOff = await loadConfig({
      server: 's',
      env: { M365_MCP_CONFIG: file, M365_MCP_OUTPUT_SCHEMAS: 'false' },
    });
    expect(envOff.outputSchemas).toBe(false);
    const flagOn = await loadConfig({
      server: 's',
      env: { M365_MCP_OUTPUT_SCHEMAS: 'false' },
      flags: { outputSchemas: true },
    });
    expect(flagOn.outputSchemas).toBe(true);
  });

  it('flags override the environment, which overrides the config file', async () => {
    const file = join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        auditLogPath: '/from/file.jsonl',
        breakGlassAccounts: ['file@contoso.com'],
        allowWrites: true,
        settings: { staleDays: 90 },
      }),
    );
    const fromFile = await loadConfig({ server: 's', env: { M365_MCP_CONFIG: file } });
    expect(fromFile).toMatchObject({
      auditLogPath: '/from/file.jsonl',
      breakGlassAccounts: ['file@contoso.com'],
      allowWrites: true,
      settings: { staleDays: 90 },
    });

    const fromEnv = await loadConfig({
      server: 's',
      env: {
        M365_MCP_CONFIG: file,
        M365_AUDIT_LOG: '/from/env.jsonl',
        M365_BREAK_GLASS_ACCOUNTS: ' bg1@contoso.com, 0000-id ,',
        M365_ALLOW_WRITES: 'false',
      },
    });
    expect(fromEnv).toMatchObject({
      auditLogPath: '/from/env.jsonl',
      breakGlassAccounts: ['bg1@contoso.com', '0000-id'],
      allowWrites: false,
    });

    const fromFlags = await loadConfig({
      server: 's',
      env: { M365_MCP_CONFIG: '/does/not/exist.json', M365_AUDIT_LOG: '/from/env.jsonl' },
      flags: { config: file, auditLog: '/from/flag.jsonl', allowWrites: true },
    });
    expect(fromFlags).toMatchObject({ auditLogPath: '/from/flag.jsonl', allowWrites: true });
  });

  it('takes the audit key file and a checkpoint copy from flags, environment or file; a named key file is never made', async () => {
    const file = join(dir, 'audit-config.json');
    await writeFile(
      file,
      JSON.stringify({ auditKeyFile: '/file/audit.key', auditCheckpointCopy: '/file/copy' }),
    );
    expect(await loadConfig({ server: 's', flags: { config: file } })).toMatchObject({
      auditKey: { file: '/file/audit.key', create: false },
      auditCheckpointCopy: '/file/copy',
    });
    const env = {
      M365_MCP_CONFIG: file,
      M365_AUDIT_KEY_FILE: '/env/audit.key',
      M365_AUDIT_CHECKPOINT_COPY: '/env/copy',
    };
    expect(await loadConfig({ server: 's', env })).toMatchObject({
      auditKey: { file: '/env/audit.key', create: false },
      auditCheckpointCopy: '/env/copy',
    });
    expect(
      await loadConfig({ server: 's', env, flags: { auditKeyFile: 'rel/audit.key' }, cwd: '/work' }),
    ).toMatchObject({ auditKey: { file: '/work/rel/audit.key', create: false } });
  });

  it('keeps the demo audit trail apart from the real one', async () => {
    const config = await loadConfig({ server: 's', env: {}, home: '/h', flags: { demo: true } });
    expect(config.auditLogPath).toBe('/h/.m365-mcp/audit/s.demo.jsonl');
  });

  it('explains a missing, malformed or invalid config file', async () => {
    await expect(loadConfig({ server: 's', flags: { config: join(dir, 'missing.json') } })).rejects.toThrow(
      /Cannot read the config file .*missing\.json \(ENOENT\)/,
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "allowWrites": tru');
    await expect(loadConfig({ server: 's', flags: { config: broken } })).rejects.toThrow(/is not valid JSON/);
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ allowWrites: 'yes', breakGlass: [] }));
    const error = await loadConfig({ server: 's', flags: { config: invalid } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerConfigError);
    expect(String(error)).toMatch(/allowWrites/);
    expect(String(error)).toMatch(/breakGlass/);
  });

  it('refuses a boolean environment variable it cannot read', async () => {
    await expect(loadConfig({ server: 's', env: { M365_ALLOW_WRITES: 'maybe' } })).rejects.toThrow(
      /M365_ALLOW_WRITES must be true or false/,
    );
  });
});
