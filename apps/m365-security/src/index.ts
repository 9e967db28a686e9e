// Public API of @m365-mcp/m365-security: the server factory, for embedding and tests.
export {};
