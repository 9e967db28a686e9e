// Public API of @m365-mcp/postgres: PostgreSQL for many tenants (DATABASE_URL).
export {};
