import type { Migration } from './migration.js';

// The MCP servers' write plans (mcp-kit's write gate), shared by every replica of a server: a plan
// made on one is applied on another. The record is the sealed plan as text, exactly as written (its
// MAC is checked by the server on every read: jsonb would reorder it, and an edit must show); the
// columns beside it are what plans are looked up, taken and swept by. A take is one
// `DELETE ... RETURNING`, so of two replicas taking one plan, exactly one gets it.
export const writePlansMigration: Migration = {
  version: 20,
  name: 'write_plans',
  sql: `
CREATE TABLE write_plans (
  id text PRIMARY KEY,
  principal text NOT NULL,
  tool text NOT NULL,
  -- Milliseconds since the epoch, as the servers' clocks say (an injected clock in tests).
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  record text NOT NULL
);
CREATE INDEX write_plans_expires ON write_plans (expires_at);
`,
};
