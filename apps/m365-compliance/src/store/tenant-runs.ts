import type { AuditRun, RunQuery, RunRepository, SaveRunOptions, StoredRunInfo } from '@m365-mcp/cis-bridge';
import { type ToolContext, ToolInputError } from '@m365-mcp/mcp-kit';
import { type ComplianceSettings, complianceSettings } from '../analysis/settings.js';
import { openRunRepository } from './open-run-repository.js';

// The runs a tool call may see. With a tenants registry the call names its tenant and every query
// is narrowed to it: a run of another tenant is not found, even by id, and a report claiming
// another tenant is refused. Without a registry (one tenant) nothing is narrowed, as before.

export class TenantRuns {
  constructor(
    readonly repository: RunRepository,
    /** The call's tenant; undefined without a registry. */
    readonly tenantId: string | undefined,
  ) {}

  private narrowed<Q extends RunQuery>(query: Q): Q {
    return this.tenantId === undefined ? query : { ...query, tenantId: this.tenantId };
  }

  /** Whether the call may see this run. */
  owns(run: { tenantId?: string | undefined }): boolean {
    return this.tenantId === undefined || run.tenantId === this.tenantId;
  }

  /**
   * Stores a run of the call's tenant and returns it as stored: a run that names no tenant (an
   * imported report without one) is the call's tenant's; a run naming another is refused.
   */
  async save(run: AuditRun, options: SaveRunOptions = {}): Promise<AuditRun> {
    let stored = run;
    if (this.tenantId !== undefined) {
      if (run.tenantId === undefined) stored = { ...run, tenantId: this.tenantId };
      else if (run.tenantId !== this.tenantId)
        throw new ToolInputError(
          `This run is of tenant ${run.tenantId}, not of the tenant this call is for (${this.tenantId}). Nothing was stored.`,
        );
    }
    await this.repository.save(stored, options);
    return stored;
  }

  async get(id: string): Promise<AuditRun | undefined> {
    const run = await this.repository.get(id);
    return run && this.owns(run) ? run : undefined;
  }

  latest(query: Pick<RunQuery, 'source'> = {}): Promise<AuditRun | undefined> {
    return this.repository.latest(this.narrowed(query));
  }

  baseline(): Promise<AuditRun | undefined> {
    return this.repository.baseline(this.narrowed({}));
  }

  list(options: Pick<RunQuery, 'source'> & { limit?: number } = {}): Promise<StoredRunInfo[]> {
    return this.repository.list(this.narrowed(options));
  }
}

/** The call's runs, from the repository its settings name (DATABASE_URL or the SQLite file). */
export async function runsFor(
  ctx: Pick<ToolContext, 'config' | 'tenant'>,
  settings: ComplianceSettings = complianceSettings(ctx.config),
): Promise<TenantRuns> {
  const repository = await openRunRepository({
    databaseUrl: settings.databaseUrl,
    sqlitePath: settings.databasePath,
  });
  return new TenantRuns(repository, ctx.tenant?.tenantId);
}
