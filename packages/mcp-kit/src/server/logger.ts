import { defaultRedactor, redact } from '@m365-mcp/audit-log';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { LogLevel, ToolLogger } from '../tools/tool-context.js';

export type StderrWrite = (line: string) => void;

const writeStderr: StderrWrite = (line) => {
  process.stderr.write(line);
};

function stderrLine(name: string, level: string, message: string, data?: unknown): string {
  const suffix = data === undefined ? '' : ` ${JSON.stringify(data)}`;
  return `${new Date().toISOString()} ${name} ${level}: ${message}${suffix}\n`;
}

/**
 * Logs to stderr and, through MCP logging, to the client (which applies its own level). Both go
 * through the audit log's redactor: a log line must never carry a secret either.
 */
export function createLogger(
  name: string,
  server: McpServer | undefined,
  options: { sessionId?: string | undefined; stderr?: StderrWrite } = {},
): ToolLogger {
  const write = options.stderr ?? writeStderr;
  const emit = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    const safeMessage = defaultRedactor.redactString(message);
    const safeData = data === undefined ? undefined : redact(data);
    write(stderrLine(name, level, safeMessage, safeData));
    if (server?.isConnected()) {
      server
        .sendLoggingMessage(
          {
            level,
            logger: name,
            data: safeData === undefined ? safeMessage : { message: safeMessage, data: safeData },
          },
          options.sessionId,
        )
        .catch(() => undefined);
    }
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
