import { runsMigration } from './001-runs.js';
import { notificationOutboxMigration } from './010-notification-outbox.js';
import { writePlansMigration } from './020-write-plans.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

// Every migration, in version order: the SQL is in TypeScript so the build ships it with the code
// (no .sql files to copy). Versions 1-9 are the run store's; 10-19 the job queue's; 20-29 the
// servers' write plans.
export const migrations: readonly Migration[] = [
  runsMigration,
  notificationOutboxMigration,
  writePlansMigration,
];
