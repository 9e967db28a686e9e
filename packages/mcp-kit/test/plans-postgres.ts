// PostgreSQL for the plan tests, from @m365-mcp/postgres's sources. Imported by path because
// mcp-kit does not declare the package yet (its package.json is not this change's to edit): once it
// does, these become imports of '@m365-mcp/postgres' and '@m365-mcp/postgres/testing'.
export { createPool, openPgPlanStore, PgPlanStore } from '../../postgres/src/index.js';
export {
  postgresUnavailableReason,
  startTestPostgres,
  type TestPostgres,
} from '../../postgres/src/testing/index.js';
