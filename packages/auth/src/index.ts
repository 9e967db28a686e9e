// Public API of @m365-mcp/auth.
export {};
