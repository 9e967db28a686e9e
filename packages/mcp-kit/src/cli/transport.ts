import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { MAX_STDIO_LINE_BYTES, oversizedLineError, StdinLineLimit } from './stdin-line-limit.js';

export type TransportKind = 'stdio';

/**
 * Connects the server to its transport and resolves when the connection ends. The only place that
 * knows transports, so Streamable HTTP can be added here later without touching the servers.
 */
export async function serveOnTransport(server: McpServer, kind: TransportKind): Promise<void> {
  switch (kind) {
    case 'stdio': {
      const guard = new StdinLineLimit(MAX_STDIO_LINE_BYTES, (limit) => {
        process.stderr.write(`MCP request on stdin over ${limit} bytes refused; still serving.\n`);
        process.stdout.write(oversizedLineError(limit));
      });
      process.stdin.pipe(guard);
      const transport = new StdioServerTransport(guard);
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
      });
      await server.connect(transport);
      // The client closing our stdin is the end of the session.
      process.stdin.once('end', () => {
        void server.close();
      });
      await closed;
      return;
    }
  }
}
