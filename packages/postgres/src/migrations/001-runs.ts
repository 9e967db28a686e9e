import type { Migration } from './migration.js';

// The run store. seq (bigserial) orders runs as they were stored; one row per control result and
// per Graph snapshot, bodies in JSONB. At most one baseline per tenant (runs without a tenant
// count as one tenant), which the partial unique index keeps true under concurrent writers.
export const runsMigration: Migration = {
  version: 1,
  name: 'runs',
  sql: `
CREATE TABLE runs (
  seq bigserial NOT NULL UNIQUE,
  id text PRIMARY KEY,
  source text NOT NULL,
  tenant_id text,
  started_at text NOT NULL,
  finished_at text NOT NULL,
  label text,
  baseline boolean NOT NULL DEFAULT false,
  controls integer NOT NULL,
  meta jsonb NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX runs_tenant_seq ON runs (tenant_id, seq DESC);
CREATE UNIQUE INDEX runs_one_baseline_per_tenant ON runs ((COALESCE(tenant_id, ''))) WHERE baseline;

CREATE TABLE run_results (
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  position integer NOT NULL,
  control_id text NOT NULL,
  status text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (run_id, position)
);
CREATE INDEX run_results_control ON run_results (control_id, status);

CREATE TABLE run_snapshots (
  run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  resource text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (run_id, resource)
);
`,
};
