// Public API of @m365-mcp/graph-core.
export {};
