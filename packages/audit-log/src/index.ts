// Public API of @m365-mcp/audit-log.
export {};
