/**
 * One versioned schema change. Applied once per database, in version order, each in its own
 * transaction; never edited once released (migrate refuses a database where an applied migration's
 * SQL differs): a change is a new migration. Versions 1-9: the run store; 10-19: the job queue.
 */
export interface Migration {
  version: number;
  /** Short and stable, e.g. `runs`. */
  name: string;
  sql: string;
}
