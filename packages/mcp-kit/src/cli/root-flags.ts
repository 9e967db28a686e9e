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
  /** The tenants registry file (also M365_TENANTS_FILE): every tool then takes a required `tenant`. */
  tenants?: string;
}
