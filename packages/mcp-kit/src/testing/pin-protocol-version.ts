// The SDK v1 Client always opens with its latest revision (2025-11-25). A client of 2025-06-18
// differs on the wire only in what it asks for in `initialize` (and then in the
// MCP-Protocol-Version header the server's answer sets), so pinning that one field makes the v1
// Client a true 2025-06-18 client.
interface SendingTransport {
  send(message: unknown, options?: unknown): Promise<void>;
}

/** Makes `transport` ask for `version` in the client's `initialize`; returns the same transport. */
export function pinProtocolVersion<T extends SendingTransport>(transport: T, version: string): T {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    const m = message as { method?: string; params?: Record<string, unknown> };
    if (m.method === 'initialize' && m.params !== undefined) {
      return send({ ...m, params: { ...m.params, protocolVersion: version } }, options);
    }
    return send(message, options);
  };
  return transport;
}
