import { defaultRedactor, redact } from '@m365-mcp/audit-log';
import type { LogLevel, ToolLogger } from '../tools/tool-context.js';
import type { ClientLogSink } from './client-log-level.js';

export type StderrWrite = (line: string) => void;

const writeStderr: StderrWrite = (line) => {
  process.stderr.write(line);
};

function stderrLine(name: string, level: string, message: string, data?: unknown): string {
  const suffix = data === undefined ? '' : ` ${JSON.stringify(data)}`;
  return `${new Date().toISOString()} ${name} ${level}: ${message}${suffix}\n`;
}

/**
 * Logs to stderr and, through MCP logging, to the client (at or above the level it asked for).
 * Both go through the audit log's redactor: a log line must never carry a secret either.
 */
export function createLogger(
  name: string,
  client: ClientLogSink | undefined,
  options: { stderr?: StderrWrite } = {},
): ToolLogger {
  const write = options.stderr ?? writeStderr;
  const emit = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    const safeMessage = defaultRedactor.redactString(message);
    const safeData = data === undefined ? undefined : redact(data);
    write(stderrLine(name, level, safeMessage, safeData));
    client?.(level, name, safeData === undefined ? safeMessage : { message: safeMessage, data: safeData });
  };
  return { debug: emit('debug'), info: emit('info'), warning: emit('warning'), error: emit('error') };
}

/** Details of an unexpected failure: stderr only, never to the client. */
export function logInternalError(
  name: string,
  errorId: string,
  error: unknown,
  stderr: StderrWrite = writeStderr,
): void {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  stderr(stderrLine(name, 'error', `unexpected failure ${errorId}: ${defaultRedactor.redactString(text)}`));
}
