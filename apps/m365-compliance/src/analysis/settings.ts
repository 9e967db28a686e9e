import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AuditExceptions, PowerShellAuditConfig, RunStore } from '@m365-mcp/cis-bridge';
import { checkDnsServers } from '@m365-mcp/graph-core';
import { ToolInputError } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { openSqliteStore } from '../store/open-run-repository.js';

// This server's part of the config file (`settings`), parsed with its own schema.
const settingsSchema = z
  .object({
    databasePath: z.string().min(1).optional(),
    // postgres://...: the runs live in PostgreSQL (DATABASE_URL in the environment does the same).
    databaseUrl: z.string().min(1).optional(),
    importsDirectory: z.string().min(1).optional(),
    freshRunMinutes: z.number().int().min(0).max(1440).optional(),
    approvedPublicGroups: z.array(z.string().min(1)).optional(),
    acceptedCaExclusions: z.array(z.string().min(1)).optional(),
    // Resolvers for the SPF, DMARC and DKIM checks (`ip` or `ip:port`); the system's when absent.
    dnsServers: z
      .array(z.string())
      .min(1)
      .max(8)
      .superRefine((servers, issue) => {
        try {
          checkDnsServers(servers);
        } catch (error) {
          issue.addIssue({ code: 'custom', message: (error as Error).message });
        }
      })
      .optional(),
    powershell: z
      .object({
        script: z.string().min(1),
        args: z.array(z.string()).optional(),
        executable: z.string().min(1).optional(),
        outputPath: z.string().min(1),
        format: z.enum(['cis-audit-json', 'maester', 'scubagear']).optional(),
        timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
        cwd: z.string().optional(),
      })
      .optional(),
  })
  .passthrough();

export interface ComplianceSettings {
  /** The SQLite file of the runs (when there is no databaseUrl). */
  databasePath: string;
  /**
   * PostgreSQL (postgres://...) for the runs instead of the SQLite file: settings.databaseUrl, else
   * the DATABASE_URL environment variable. It may hold a password: never logged or returned.
   */
  databaseUrl?: string;
  /** The only folder import_audit_report reads from (default: `imports` beside the run database). */
  importsDirectory: string;
  freshRunMinutes: number;
  exceptions: AuditExceptions;
  /** DNS servers for the SPF, DMARC and DKIM checks; the system resolver when absent. */
  dnsServers?: string[];
  powershell?: PowerShellAuditConfig;
}

/**
 * The demo tenant's two emergency-access accounts (graph-sim's `demoPeople.breakglass` and
 * `directoryPeople.breakglass2`, whose ids are fixed so they can be named). In `--demo` runs without
 * configured break-glass accounts they stand in for the operator's list, so the demo's conditional
 * access findings are its planted gaps rather than the (correct) exclusion of these accounts.
 * Written out rather than imported: importing graph-sim here loaded the whole simulator on every
 * plain start. test/demo-break-glass.test.ts fails if graph-sim's ids change.
 */
/** What a demo run needs: the simulator's DNS server answers for the demo tenant's domains. */
export function demoSettings(dnsServer: string): { dnsServers: string[] } {
  return { dnsServers: [dnsServer] };
}

export const demoBreakGlassAccounts: readonly string[] = [
  '44fff398-28a5-5def-8d41-93b615b7611e', // Emergency Access 01
  '49af98d1-c968-51d8-b199-d410aed1a94e', // Emergency Access 02
];

export function complianceSettings(
  config: {
    settings: Record<string, unknown>;
    auditLogPath: string;
    breakGlassAccounts: string[];
    demo?: boolean | undefined;
  },
  env: Record<string, string | undefined> = process.env,
): ComplianceSettings {
  const parsed = settingsSchema.safeParse(config.settings);
  if (!parsed.success) {
    // Said plainly, field by field: the operator fixes the config file, the caller cannot.
    const problems = parsed.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`);
    throw new ToolInputError(`The server's configuration is invalid: ${problems.join('; ')}`);
  }
  const s = parsed.data;
  const base = config.auditLogPath ? dirname(config.auditLogPath) : join(homedir(), '.m365-mcp');
  const databasePath = s.databasePath ?? join(base, 'm365-compliance-runs.db');
  const databaseUrl = s.databaseUrl ?? (env.DATABASE_URL?.trim() || undefined);
  return {
    databasePath,
    ...(databaseUrl ? { databaseUrl } : {}),
    importsDirectory: resolve(s.importsDirectory ?? join(dirname(resolve(databasePath)), 'imports')),
    freshRunMinutes: s.freshRunMinutes ?? 60,
    exceptions: {
      breakGlassAccounts:
        config.demo === true && config.breakGlassAccounts.length === 0
          ? [...demoBreakGlassAccounts]
          : config.breakGlassAccounts,
      approvedPublicGroups: s.approvedPublicGroups ?? [],
      acceptedCaExclusions: s.acceptedCaExclusions ?? [],
    },
    ...(s.dnsServers ? { dnsServers: s.dnsServers } : {}),
    ...(s.powershell ? { powershell: s.powershell as PowerShellAuditConfig } : {}),
  };
}

/**
 * The SQLite store of a file, one per file for the life of the process (the one the tools' run
 * repository uses). For callers still on the synchronous store; tools use runsFor (src/store/).
 */
export function openStore(path: string): RunStore {
  return openSqliteStore(path);
}
