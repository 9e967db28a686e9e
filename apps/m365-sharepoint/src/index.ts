// Public API of @m365-mcp/m365-sharepoint: the server factory, for embedding and tests.
export {};
