// PostgreSQL for the plan tests: a real throwaway server (skipped, saying why, when none can start).
export { createPool, openPgPlanStore, PgPlanStore } from '@m365-mcp/postgres';
export { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@m365-mcp/postgres/testing';
