// Public API of @m365-mcp/m365-compliance: the server factory, for embedding and tests.
export {};
