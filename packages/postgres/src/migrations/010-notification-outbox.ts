import type { Migration } from './migration.js';

// The worker's notification outbox (m365-compliance worker): one row per run whose notification is
// due. The run id is the key, so a retried job records it once; a worker sends it holding the row's
// lock and marks it sent in the same transaction (apps/m365-compliance/src/worker/outbox.ts).
export const notificationOutboxMigration: Migration = {
  version: 10,
  name: 'notification_outbox',
  sql: `
CREATE TABLE notification_outbox (
  run_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  -- The pg-boss job (tenant-audit queue) the run was made by.
  job_id text NOT NULL,
  -- The monitor notification (tenant values in it are cleaned when rendered for the webhook).
  notification jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'refused')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE state = 'pending';
`,
};
