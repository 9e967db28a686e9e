import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export type TransportKind = 'stdio';

/**
 * Connects the server to its transport and resolves when the connection ends. The only place that
 * knows transports, so Streamable HTTP can be added here later without touching the servers.
 */
export async function serveOnTransport(server: McpServer, kind: TransportKind): Promise<void> {
  switch (kind) {
    case 'stdio': {
      const transport = new StdioServerTransport();
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
