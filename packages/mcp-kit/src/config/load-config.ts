import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type ConfigFile, type ConfigFlags, configFileSchema, type ServerConfig } from './server-config.js';

/** A configuration the server cannot start with; the message says what to fix. */
export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
}

export interface LoadConfigOptions {
  /** Server name, used for the default audit log file name. */
  server: string;
  flags?: ConfigFlags;
  env?: Record<string, string | undefined>;
  /** Home directory for the default audit log and audit key paths; defaults to the OS home. */
  home?: string;
  cwd?: string;
}

const envBoolean = z
  .enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

function envFlag(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const parsed = envBoolean.safeParse(raw.trim().toLowerCase());
  if (!parsed.success) throw new ServerConfigError(`${name} must be true or false, not "${raw}".`);
  return parsed.data;
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function commaList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ServerConfigError(`Cannot read the config file ${path} (${code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServerConfigError(`The config file ${path} is not valid JSON.`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ServerConfigError(`The config file ${path} is not valid: ${problems}.`);
  }
  return parsed.data;
}

/**
 * Flags override the environment, which overrides the optional JSON config file
 * (`--config <file>` or `M365_MCP_CONFIG`).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ServerConfig> {
  const flags = options.flags ?? {};
  const env = options.env ?? {};
  const cwd = options.cwd ?? process.cwd();
  const filePath = flags.config ?? env.M365_MCP_CONFIG;
  const file = filePath ? await readConfigFile(resolve(cwd, filePath)) : {};

  const demo = flags.demo ?? envFlag(env, 'M365_DEMO') ?? file.demo ?? false;
  // The demo's audit trail is kept apart from the real one, so a demo never pollutes real evidence.
  const defaultAuditName = demo ? `${options.server}.demo.jsonl` : `${options.server}.jsonl`;
  const auditLogPath =
    flags.auditLog ??
    env.M365_AUDIT_LOG ??
    file.auditLogPath ??
    join(options.home ?? homedir(), '.m365-mcp', 'audit', defaultAuditName);

  // The audit key lives apart from the log; by default one per user, made on first use.
  const auditKeyFile = flags.auditKeyFile ?? nonEmpty(env.M365_AUDIT_KEY_FILE) ?? file.auditKeyFile;
  const auditCheckpointCopy = nonEmpty(env.M365_AUDIT_CHECKPOINT_COPY) ?? file.auditCheckpointCopy;

  return {
    auditLogPath: resolve(cwd, auditLogPath),
    auditKey:
      auditKeyFile === undefined
        ? { file: join(options.home ?? homedir(), '.m365-mcp', 'keys', 'audit.key'), create: true }
        : { file: resolve(cwd, auditKeyFile), create: false },
    ...(auditCheckpointCopy === undefined ? {} : { auditCheckpointCopy: resolve(cwd, auditCheckpointCopy) }),
    breakGlassAccounts: commaList(env.M365_BREAK_GLASS_ACCOUNTS) ?? file.breakGlassAccounts ?? [],
    allowWrites: flags.allowWrites ?? envFlag(env, 'M365_ALLOW_WRITES') ?? file.allowWrites ?? false,
    demo,
    outputSchemas:
      flags.outputSchemas ?? envFlag(env, 'M365_MCP_OUTPUT_SCHEMAS') ?? file.outputSchemas ?? false,
    settings: file.settings ?? {},
  };
}
