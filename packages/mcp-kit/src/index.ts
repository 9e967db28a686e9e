// Public API of @m365-mcp/mcp-kit.
export {};
