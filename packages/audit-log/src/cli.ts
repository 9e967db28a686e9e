import { parseArgs } from 'node:util';
import { type AuditKey, loadAuditKeyFile } from './audit-key.js';
import { verifyAuditLog } from './verify.js';

const USAGE = `usage: m365-audit verify <file> [--key-file <file>] [--checkpoint <file>]
  --key-file    the audit key (default: M365_AUDIT_KEY_FILE): checks the MAC of every keyed line and of the checkpoint
  --checkpoint  the checkpoint to check against (default: <file>.checkpoint when it exists), e.g. a copy shipped elsewhere
exit codes: 0 intact, 1 broken or unreadable, 2 usage`;

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'key-file': { type: 'string' },
      checkpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * The `m365-audit` command; returns the exit code (0 intact, 1 broken or unreadable, 2 usage).
 * `env` supplies M365_AUDIT_KEY_FILE, as for the servers.
 */
export async function runAuditCli(
  argv: readonly string[],
  output: CliOutput,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.err(`m365-audit: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(`${USAGE}\n`);
    return 0;
  }
  const [command, file, ...rest] = positionals;
  if (command !== 'verify' || file === undefined || rest.length > 0) {
    output.err(`${USAGE}\n`);
    return 2;
  }
  const keyFile = values['key-file'] ?? (env.M365_AUDIT_KEY_FILE?.trim() || undefined);
  let key: AuditKey | undefined;
  if (keyFile !== undefined) {
    try {
      key = await loadAuditKeyFile(keyFile);
    } catch (error) {
      output.err(`m365-audit: ${(error as Error).message}\n`);
      return 2;
    }
  }
  try {
    const result = await verifyAuditLog(file, {
      ...(key === undefined ? {} : { key }),
      ...(values.checkpoint === undefined ? {} : { checkpointPath: values.checkpoint }),
    });
    for (const warning of result.warnings) output.err(`${file}: warning: ${warning}\n`);
    if (result.ok) {
      output.out(`${file}: chain intact, ${result.lines} line(s)\n`);
      return 0;
    }
    const where = result.line === undefined ? 'broken' : `broken at line ${result.line}`;
    output.out(`${file}: ${where}: ${result.reason}\n`);
    return 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.err(`${file}: cannot read the audit log: ${message}\n`);
    return 1;
  }
}
