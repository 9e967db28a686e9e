import type { McpServer } from '@modelcontextprotocol/server';
import { startHttpServer } from '../http/start-http-server.js';
import type { StderrWrite } from '../server/logger.js';
import type { HttpSettings } from './http-flags.js';

/**
 * Serves over Streamable HTTP until SIGINT or SIGTERM, then shuts down gracefully (running calls
 * finish or are cancelled) and resolves, so the caller can close the audit log.
 */
export async function serveHttpUntilSignal(options: {
  name: string;
  settings: HttpSettings;
  /** Builds the server that answers one request (see startHttpServer); `caller` names who. */
  createSession(request: { caller: string }): McpServer;
  /** The start-up line, given the endpoint URL once listening. */
  describe(url: URL): string;
  stderr: StderrWrite;
}): Promise<void> {
  const { settings, stderr } = options;
  for (const warning of settings.warnings) stderr(`${options.name}: ${warning}\n`);
  const server = await startHttpServer({
    name: options.name,
    auth: settings.auth,
    host: settings.host,
    port: settings.port,
    allowedHosts: settings.allowedHosts,
    createSession: options.createSession,
    stderr,
  });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    stderr(`${options.describe(server.url)}\n`);
  });
  stderr(`${options.name}: ${signal}: shutting down (${server.runningCount} running request(s))\n`);
  await server.close();
  stderr(`${options.name}: stopped\n`);
}
