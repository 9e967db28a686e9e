// This server's own options, from the config file's `settings` and the environment. Parsed, since
// both come from outside.
import { z } from 'zod';
import { DEFAULT_RU_BUDGET, type RuBudget } from './graph/ru-pacer.js';

const settingsSchema = z
  .object({
    /** Opt-in: find_sensitive_content reads file content only when this is true. */
    contentScanning: z.boolean().default(false),
    /** Tenant-wide audits cover personal OneDrives unless this is false (a tool's include_onedrives wins). */
    includeOneDrives: z.boolean().default(true),
    /** Domains that count as internal besides `<tenant>.com` and `<tenant>.onmicrosoft.com`. */
    internalDomains: z.array(z.string().min(1).max(253)).max(100).default([]),
    /** SharePoint's resource-unit budget for this app (per minute, and the bucket size). */
    resourceUnits: z
      .object({
        perMinute: z.number().positive().max(10_000_000),
        capacity: z.number().positive().max(10_000_000),
      })
      .optional(),
  })
  .partial()
  .passthrough();

export interface SharePointSettings {
  contentScanning: boolean;
  includeOneDrives: boolean;
  internalDomains: string[];
  resourceUnits: RuBudget;
}

/** `M365_SHAREPOINT_CONTENT_SCAN=1` (or `true`) switches content scanning on, like the settings flag. */
export const contentScanEnvVar = 'M365_SHAREPOINT_CONTENT_SCAN';

/**
 * `M365_SHAREPOINT_INCLUDE_ONEDRIVES=0` (or `false`, `no`, `off`) leaves OneDrives out of tenant-wide
 * audits; `1` puts them back in over the config file (the environment overrides the file).
 */
export const includeOneDrivesEnvVar = 'M365_SHAREPOINT_INCLUDE_ONEDRIVES';

function envSwitch(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(value.trim())) return true;
  if (/^(0|false|no|off)$/i.test(value.trim())) return false;
  return undefined;
}

export function readSettings(
  settings: Record<string, unknown>,
  env: Record<string, string | undefined> = process.env,
): SharePointSettings {
  const parsed = settingsSchema.safeParse(settings);
  const values = parsed.success ? parsed.data : {};
  const fromEnv = /^(1|true|yes|on)$/i.test(env[contentScanEnvVar] ?? '');
  return {
    contentScanning: (values.contentScanning ?? false) || fromEnv,
    includeOneDrives: envSwitch(env[includeOneDrivesEnvVar]) ?? values.includeOneDrives ?? true,
    internalDomains: (values.internalDomains ?? []).map((d) => d.toLowerCase()),
    resourceUnits: values.resourceUnits ?? DEFAULT_RU_BUDGET,
  };
}
