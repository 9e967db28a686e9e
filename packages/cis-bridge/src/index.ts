// Public API of @m365-mcp/cis-bridge.
export {};
