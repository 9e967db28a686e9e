import type { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { MAX_STDIO_LINE_BYTES, oversizedLineError, StdinLineLimit } from './stdin-line-limit.js';

export type TransportKind = 'stdio';

/**
 * Serves the server on its transport and resolves when the connection ends. Over stdio the SDK's
 * `serveStdio` decides the protocol era from the client's opening (a 2026-07-28 request with its
 * `_meta` envelope, or a 2025-era `initialize`) and pins this one server to the connection.
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
        // The entry owns the transport's callbacks; its close is ours to watch.
        const close = transport.close.bind(transport);
        transport.close = async () => {
          await close();
          resolve();
        };
        const onServerClose = server.server.onclose;
        server.server.onclose = () => {
          onServerClose?.();
          resolve();
        };
      });
      const handle = serveStdio(() => server, { transport });
      // The client closing our stdin is the end of the session.
      process.stdin.once('end', () => {
        void handle.close();
      });
      await closed;
      await handle.close();
      return;
    }
  }
}
