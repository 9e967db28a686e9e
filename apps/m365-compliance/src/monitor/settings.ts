import { z } from 'zod';
import { webhookFormats } from './notification.js';

// settings.monitor in the config file; flags override it.
export const monitorSettingsSchema = z
  .object({
    interval: z.string().optional(),
    webhook: z.string().url().optional(),
    format: z.enum(webhookFormats).optional(),
    webhookAttempts: z.number().int().min(1).max(10).optional(),
    webhookBackoffMs: z.number().int().min(0).max(600_000).optional(),
    runAttempts: z.number().int().min(1).max(10).optional(),
    runRetryDelayMs: z.number().int().min(0).max(3_600_000).optional(),
    remediate: z.array(z.string()).optional(),
  })
  .strict();
export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;

export function monitorSettings(settings: Record<string, unknown>): MonitorSettings {
  return monitorSettingsSchema.parse(settings.monitor ?? {});
}
