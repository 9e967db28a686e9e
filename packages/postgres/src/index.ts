// Public API of @m365-mcp/postgres: PostgreSQL for many tenants (DATABASE_URL). No MCP here: the
// servers and workers use it; it knows pools, migrations, the run store and the write plans' table.
export { DatabaseUnavailableError, describeDatabase, isConnectionError, MigrationError } from './errors.js';
export { checksum, type MigrateOptions, type MigrateResult, migrate } from './migrate.js';
export { type Migration, migrations } from './migrations/index.js';
export { openPgPlanStore, PgPlanStore, type PgPlanStoreOptions, type StorablePlan } from './plan-store.js';
export { type CreatePoolOptions, createPool, parseDatabaseUrl, withConnection } from './pool.js';
export { openPgRunStore, PgRunStore, type PgRunStoreOptions } from './run-store.js';
