// Public API of @m365-mcp/m365-identity: the server factory, for embedding and tests.
export {};
