import { z } from 'zod';

export const serverConfigSchema = z.object({
  auditLogPath: z.string().min(1),
  /**
   * The key that seals the audit log (HMAC) and its checkpoint: a file kept apart from the log.
   * `create`: the default file, made (mode 0600) on first use; a configured file must exist.
   * Absent (tests that build a config by hand): the log is unkeyed.
   */
  auditKey: z.object({ file: z.string().min(1), create: z.boolean() }).optional(),
  /** A second copy of each checkpoint (another disk, a mount only this service can write to). */
  auditCheckpointCopy: z.string().min(1).optional(),
  // UPNs or object ids of accounts no write tool may touch (break-glass / emergency access).
  breakGlassAccounts: z.array(z.string().min(1)),
  allowWrites: z.boolean(),
  demo: z.boolean(),
  /**
   * List each tool's output schema in tools/list. Off by default: the schemas are most of what
   * tools/list costs a model in tokens on every turn, and results are typed either way (each
   * answer's structuredContent is checked against its schema before it leaves the server). Absent
   * (tests that build a config by hand) means off.
   */
  outputSchemas: z.boolean().optional(),
  // Server-specific options; each server parses its own part with its own schema.
  settings: z.record(z.string(), z.unknown()),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** The optional JSON config file: every field optional, unknown fields refused (typos surface). */
export const configFileSchema = z.strictObject({
  auditLogPath: z.string().min(1).optional(),
  auditKeyFile: z.string().min(1).optional(),
  auditCheckpointCopy: z.string().min(1).optional(),
  breakGlassAccounts: z.array(z.string().min(1)).optional(),
  allowWrites: z.boolean().optional(),
  demo: z.boolean().optional(),
  outputSchemas: z.boolean().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

/** What the command line can set. */
export interface ConfigFlags {
  config?: string | undefined;
  auditLog?: string | undefined;
  auditKeyFile?: string | undefined;
  allowWrites?: boolean | undefined;
  demo?: boolean | undefined;
  outputSchemas?: boolean | undefined;
}
