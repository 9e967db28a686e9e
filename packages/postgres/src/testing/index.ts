// Test helpers of @m365-mcp/postgres: a real, throwaway PostgreSQL server.
export {
  postgresBinDir,
  postgresUnavailableReason,
  startTestPostgres,
  type TestPostgres,
} from './start-test-postgres.js';
