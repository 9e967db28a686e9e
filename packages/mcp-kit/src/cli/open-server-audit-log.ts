import {
  type AuditKey,
  type AuditLog,
  AuditLogError,
  type CheckpointShipper,
  fileCheckpointShipper,
  loadOrCreateAuditKeyFile,
  openAuditLog,
} from '@m365-mcp/audit-log';
import type { ServerConfig } from '../config/server-config.js';

/**
 * The audit key as configured (made on first use when it is the default one, and said where), or
 * undefined when the log is not keyed. The server also derives its write plans' key from it.
 */
export async function loadServerAuditKey(
  config: ServerConfig,
  server: string,
  stderr: (text: string) => void,
): Promise<AuditKey | undefined> {
  if (config.auditKey === undefined) return undefined;
  const loaded = await loadOrCreateAuditKeyFile(config.auditKey.file, {
    create: config.auditKey.create,
  }).catch((error: unknown) => {
    if (error instanceof AuditLogError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'failed';
    throw new AuditLogError(
      `Cannot make the audit key ${config.auditKey?.file} (${code}). Point M365_AUDIT_KEY_FILE (or --audit-key-file, or auditKeyFile in the config file) at a key file kept apart from the log: "openssl rand -hex 32 > <file> && chmod 600 <file>".`,
    );
  });
  if (loaded.created) {
    stderr(
      `${server}: made the audit key ${config.auditKey.file} (mode 0600, key id ${loaded.key.id}); it seals the audit log. Keep it apart from the log and back it up: "m365-audit verify <log> --key-file ${config.auditKey.file}" needs it.\n`,
    );
  }
  return loaded.key;
}

/**
 * Opens the audit log as configured: sealed with the audit key (loaded here unless the caller
 * loaded it already), checkpointed beside the log and, if asked, copied elsewhere.
 * Throws AuditLogError, naming the line and the verify command, when the log does not match its
 * checkpoint: a server must not append to a log that was cut or rewritten.
 */
export async function openServerAuditLog(
  config: ServerConfig,
  server: string,
  stderr: (text: string) => void,
  loaded?: { key: AuditKey | undefined },
): Promise<AuditLog> {
  const key = loaded === undefined ? await loadServerAuditKey(config, server, stderr) : loaded.key;
  const shippers: CheckpointShipper[] =
    config.auditCheckpointCopy === undefined ? [] : [fileCheckpointShipper(config.auditCheckpointCopy)];
  const log = await openAuditLog(config.auditLogPath, {
    server,
    ...(key === undefined ? {} : { key }),
    checkpointShippers: shippers,
    onShipError: (message) => stderr(`${server}: ${message}\n`),
  });
  for (const warning of log.warnings) stderr(`${server}: warning: ${warning}\n`);
  return log;
}
