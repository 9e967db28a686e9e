// A hand-made EvaluationContext over the simulator's answers for the Fabric and SharePoint admin
// APIs (the handlers' own bodies, paged as a client pages them), for testing the controls' predicates
// apart from the audit's dispatch.
import { createDemoTenant, fabricHandler, sharepointAdminHandler, type Tenant } from '@m365-mcp/graph-sim';
import type { EvaluationContext } from '../../src/controls/types.js';

export const now = new Date('2026-11-25T12:00:00Z');

function fabricRows(tenant: Tenant): unknown[] {
  const rows: unknown[] = [];
  let query = new URLSearchParams();
  for (;;) {
    const { status, body } = fabricHandler({
      method: 'GET',
      path: '/v1/admin/tenantsettings',
      query,
      tenant,
    });
    if (status !== 200) throw new Error(`tenantsettings answered ${status}`);
    const page = body as { value: unknown[]; continuationToken?: string };
    rows.push(...page.value);
    if (page.continuationToken === undefined) return rows;
    query = new URLSearchParams({ continuationToken: page.continuationToken });
  }
}

export function serviceContext(edit: (tenant: Tenant) => void = () => {}): EvaluationContext {
  const tenant = createDemoTenant({ now });
  edit(tenant);
  const data: Record<string, unknown> = {
    fabricTenantSettings: fabricRows(tenant),
    sharePointTenant: sharepointAdminHandler({
      method: 'GET',
      path: '/_api/Microsoft.Online.SharePoint.TenantAdministration.Tenant',
      query: new URLSearchParams(),
      tenant,
    }).body,
  };
  return {
    get: <T>(key: string) => {
      if (!(key in data)) throw new Error(`not in this context: ${key}`);
      return data[key] as T;
    },
    optional: <T>(key: string) => data[key] as T | undefined,
    groupMembers: () => [],
    dns: () => {
      throw new Error('no DNS here');
    },
    exceptions: { breakGlassAccounts: [], approvedPublicGroups: [], acceptedCaExclusions: [] },
    licences: new Set(),
    now,
  };
}
