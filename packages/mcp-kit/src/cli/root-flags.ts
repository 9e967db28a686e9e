import type { HttpFlags } from './http-flags.js';

/** The root command's options, as commander parses them. */
export interface RootFlags extends HttpFlags {
  demo?: boolean;
  allowWrites?: boolean;
  outputSchemas?: boolean;
  config?: string;
  auditLog?: string;
  auditKeyFile?: string;
  managedIdentity?: boolean;
}
