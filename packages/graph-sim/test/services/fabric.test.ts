// The Fabric admin API's answers (GET /v1/admin/tenantsettings), straight from the handler: every
// setting across continuation pages, Fabric's error body for a bad token and an unknown path, and the
// demo's planted CIS 9.1 values; the generator is seeded.
import { describe, expect, it } from 'vitest';
import { FABRIC_TENANT_SETTINGS_PAGE_SIZE, fabricHandler } from '../../src/services/fabric/handler.js';
import type { RestRequest } from '../../src/services/service-handler.js';
import { createDemoTenant } from '../../src/tenant/demo/index.js';
import type { FabricTenantSetting } from '../../src/tenant/fabric.js';
import { generateFabric } from '../../src/tenant/generate/fabric.js';
import type { Tenant } from '../../src/tenant/model.js';

const BASE = 'https://127.0.0.1:8443/fabric';
const now = new Date('2026-11-25T12:00:00Z');

function get(tenant: Tenant, path: string, query = ''): { status: number; body: Record<string, unknown> } {
  const request: RestRequest = {
    method: 'GET',
    path,
    query: new URLSearchParams(query),
    tenant,
    baseUrl: BASE,
  };
  const result = fabricHandler(request);
  return { status: result.status, body: result.body as Record<string, unknown> };
}

function allSettings(tenant: Tenant): FabricTenantSetting[] {
  const rows: FabricTenantSetting[] = [];
  let query = '';
  for (let page = 0; page < 10; page++) {
    const { status, body } = get(tenant, '/v1/admin/tenantsettings', query);
    expect(status).toBe(200);
    rows.push(...(body.value as FabricTenantSetting[]));
    if (body.continuationUri === undefined) return rows;
    const token = body.continuationToken as string;
    expect(body.continuationUri).toBe(
      `${BASE}/v1/admin/tenantsettings?continuationToken=${encodeURIComponent(token)}`,
    );
    query = new URL(body.continuationUri as string).search;
  }
  throw new Error('continuationUri never ended');
}

describe('Fabric admin API: tenant settings', () => {
  it('pages the list with continuationToken and continuationUri, every setting once', () => {
    const tenant = createDemoTenant({ now });
    const first = get(tenant, '/v1/admin/tenantsettings');
    expect((first.body.value as unknown[]).length).toBe(FABRIC_TENANT_SETTINGS_PAGE_SIZE);
    expect(typeof first.body.continuationToken).toBe('string');
    const rows = allSettings(tenant);
    expect(rows.map((r) => r.settingName)).toEqual(tenant.fabric.tenantSettings.map((s) => s.settingName));
  });

  it('sends only the token when it does not know the base URL the caller used', () => {
    const tenant = createDemoTenant({ now });
    const query = new URLSearchParams();
    const { body } = fabricHandler({ method: 'GET', path: '/v1/admin/tenantsettings', query, tenant });
    expect(body).toHaveProperty('continuationToken');
    expect(body).not.toHaveProperty('continuationUri');
  });

  it('answers a token it did not issue with 400 and an unknown path with 404, in Fabric’s error body', () => {
    const tenant = createDemoTenant({ now });
    const bad = get(tenant, '/v1/admin/tenantsettings', 'continuationToken=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errorCode: 'InvalidContinuationToken', message: expect.any(String) });
    expect(bad.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = get(tenant, '/v1/admin/tenantsetting');
    expect(missing.status).toBe(404);
    expect(Object.keys(missing.body).sort()).toEqual(['errorCode', 'message', 'requestId']);
  });

  it('refuses anything but GET on the list', () => {
    const tenant = createDemoTenant({ now });
    const result = fabricHandler({
      method: 'POST',
      path: '/v1/admin/tenantsettings',
      query: new URLSearchParams(),
      tenant,
    });
    expect(result.status).toBe(405);
  });

  it('lists the rows in the API’s shape: security groups only when the setting is scoped to them', () => {
    const rows = allSettings(createDemoTenant({ now }));
    const byName = new Map(rows.map((r) => [r.settingName, r]));
    expect(byName.get('PublishToWeb')).toEqual({
      settingName: 'PublishToWeb',
      title: 'Publish to web',
      enabled: true,
      canSpecifySecurityGroups: true,
      tenantSettingGroup: 'Export and Sharing settings',
    });
    expect(byName.get('ServicePrincipalAccessPermissionAPIs')?.enabledSecurityGroups).toEqual([
      { graphId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'IT Department' },
    ]);
  });

  it('plants four of the twelve CIS 9.1 settings wrong in the demo', () => {
    const byName = new Map(createDemoTenant({ now }).fabric.tenantSettings.map((r) => [r.settingName, r]));
    const open = (name: string) =>
      byName.get(name)?.enabled === true && !byName.get(name)?.enabledSecurityGroups;
    expect(open('AllowGuestUserToAccessSharedContent')).toBe(true);
    expect(open('PublishToWeb')).toBe(true);
    expect(open('ShareLinkToEntireOrg')).toBe(true);
    expect(byName.get('BlockResourceKeyAuthentication')?.enabled).toBe(false);
    expect(byName.get('RScriptVisual')?.enabled).toBe(false);
    expect(byName.get('EimInformationProtectionEdit')?.enabled).toBe(true);
  });

  it('generates the same settings from the same seed, and different ones from another', () => {
    expect(generateFabric({ seed: 7 })).toEqual(generateFabric({ seed: 7 }));
    const states = (seed: number) =>
      generateFabric({ seed }).tenantSettings.map(
        (s) => `${s.enabled}:${s.enabledSecurityGroups?.length ?? 0}`,
      );
    expect(states(1)).not.toEqual(states(2));
  });
});
