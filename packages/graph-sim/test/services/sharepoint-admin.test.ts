// The SharePoint admin API's Tenant object, straight from the handler: enums as numbers, the
// properties Graph also shows derived from Graph's sharepointSettings (so the two APIs agree),
// $select, and SharePoint's odata.error body for an unknown property and an unknown resource.
import { describe, expect, it } from 'vitest';
import type { RestRequest } from '../../src/services/service-handler.js';
import { sharepointAdminHandler } from '../../src/services/sharepoint-admin/handler.js';
import { createDemoTenant } from '../../src/tenant/demo/index.js';
import { generateSharePointAdmin } from '../../src/tenant/generate/sharepoint-admin.js';
import type { Tenant } from '../../src/tenant/model.js';

const now = new Date('2026-11-25T12:00:00Z');
const TENANT_PATH = '/_api/Microsoft.Online.SharePoint.TenantAdministration.Tenant';

function get(tenant: Tenant, path: string, query = '', method = 'GET') {
  const request: RestRequest = { method, path, query: new URLSearchParams(query), tenant };
  const result = sharepointAdminHandler(request);
  return { status: result.status, body: result.body as Record<string, unknown> };
}

describe('SharePoint admin API: the Tenant object', () => {
  it('answers the demo’s properties with enums as numbers', () => {
    const { status, body } = get(createDemoTenant({ now }), TENANT_PATH);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      EnableAzureADB2BIntegration: true,
      OneDriveSharingCapability: 2,
      DefaultSharingLinkType: 2,
      DefaultLinkPermission: 1,
      ExternalUserExpirationRequired: false,
      EmailAttestationRequired: true,
      EmailAttestationReAuthDays: 15,
      DisallowInfectedFileDownload: true,
      GuestSharingGroupAllowListInTenantByPrincipalIdentity: [expect.stringMatching(/^c:0t\.c\|tenant\|/)],
    });
  });

  it('derives the properties Graph also carries from Graph’s sharepointSettings', () => {
    const tenant = createDemoTenant({ now });
    expect(get(tenant, TENANT_PATH).body).toMatchObject({
      SharingCapability: 2, // externalUserAndGuestSharing
      LegacyAuthProtocolsEnabled: true,
      PreventExternalUsersFromResharing: false,
      SharingDomainRestrictionMode: 0,
    });
    Object.assign(tenant.sharepoint.settings, {
      sharingCapability: 'existingExternalUserSharingOnly',
      sharingDomainRestrictionMode: 'allowList',
      sharingAllowedDomainList: ['fabrikam.com', 'northwind.com'],
    });
    expect(get(tenant, TENANT_PATH).body).toMatchObject({
      SharingCapability: 3,
      SharingDomainRestrictionMode: 1,
      SharingAllowedDomainList: 'fabrikam.com northwind.com',
    });
  });

  it('serves the short alias and ignores case in the path', () => {
    const tenant = createDemoTenant({ now });
    expect(get(tenant, '/_api/SPO.Tenant').status).toBe(200);
    expect(get(tenant, TENANT_PATH.toLowerCase()).status).toBe(200);
  });

  it('answers $select with those properties only, spelled as the type spells them', () => {
    const { status, body } = get(
      createDemoTenant({ now }),
      TENANT_PATH,
      '$select=defaultlinkpermission,SharingCapability',
    );
    expect(status).toBe(200);
    expect(body).toEqual({ DefaultLinkPermission: 1, SharingCapability: 2 });
  });

  it('refuses an unknown $select property and an unknown resource in SharePoint’s error body', () => {
    const tenant = createDemoTenant({ now });
    const bad = get(tenant, TENANT_PATH, '$select=NoSuchProperty');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      'odata.error': {
        code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
        message: { lang: 'en-US', value: expect.stringContaining("'NoSuchProperty' does not exist") },
      },
    });
    const missing = get(tenant, '/_api/Microsoft.Online.SharePoint.TenantAdministration.Tenants');
    expect(missing.status).toBe(404);
    expect(missing.body['odata.error']).toMatchObject({
      code: '-1, Microsoft.SharePoint.Client.ResourceNotFoundException',
    });
    expect(get(tenant, TENANT_PATH, '', 'POST').status).toBe(405);
  });

  it('generates the same properties from the same seed, and different ones from another', () => {
    expect(generateSharePointAdmin({ seed: 'a' })).toEqual(generateSharePointAdmin({ seed: 'a' }));
    const seeds = ['a', 'b', 'c', 'd'].map((seed) => JSON.stringify(generateSharePointAdmin({ seed })));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});
