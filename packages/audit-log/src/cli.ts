import { verifyAuditLog } from './verify.js';

const USAGE = 'usage: m365-audit verify <file>';

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The `m365-audit` command; returns the exit code (0 intact, 1 broken or unreadable, 2 usage). */
export async function runAuditCli(argv: readonly string[], output: CliOutput): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    output.out(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'verify' || file === undefined || rest.length > 0) {
    output.err(`${USAGE}\n`);
    return 2;
  }
  try {
    const result = await verifyAuditLog(file);
    if (result.ok) {
      output.out(`${file}: chain intact, ${result.lines} line(s)\n`);
      return 0;
    }
    output.out(`${file}: broken at line ${result.line}: ${result.reason}\n`);
    return 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.err(`${file}: cannot read the audit log: ${message}\n`);
    return 1;
  }
}
