import { describe, expect, it } from 'vitest';
import {
  CLOUD_NAMES,
  CloudConfigError,
  resolveCloud,
  ServiceNotOfferedError,
  serviceEndpoint,
  sharePointAdminHost,
} from '../../src/index.js';
import { tenantIdOfToken } from '../../src/services/tenant-facts.js';

describe('admin API endpoints per cloud', () => {
  it("names Microsoft's hosts and token scopes for each cloud", () => {
    expect(serviceEndpoint('global', 'exchange')).toMatchObject({
      baseUrl: 'https://outlook.office365.com',
      scope: 'https://outlook.office365.com/.default',
    });
    expect(serviceEndpoint('usgov', 'exchange').baseUrl).toBe('https://outlook.office365.us');
    expect(serviceEndpoint('usgov-dod', 'exchange').baseUrl).toBe('https://webmail.apps.mil');
    expect(serviceEndpoint('china', 'exchange').baseUrl).toBe('https://partner.outlook.cn');
    expect(serviceEndpoint('global', 'compliance').scope).toBe(
      'https://ps.compliance.protection.outlook.com/.default',
    );
    expect(serviceEndpoint('usgov-dod', 'compliance')).toMatchObject({
      baseUrl: 'https://l5.ps.compliance.protection.office365.us',
      scope: 'https://ps.compliance.protection.office365.us/.default',
    });
    expect(serviceEndpoint('global', 'fabric').scope).toBe('https://api.fabric.microsoft.com/.default');
    for (const cloud of CLOUD_NAMES) {
      expect(serviceEndpoint(cloud, 'teams').scope).toBe('48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default');
    }
  });

  it('builds the SharePoint admin host and scope from the initial domain', () => {
    const global = serviceEndpoint('global', 'sharepointAdmin');
    const host = sharePointAdminHost('Contoso.onmicrosoft.com', global.sharePointSuffix ?? '');
    expect(host).toBe('contoso-admin.sharepoint.com');
    expect(typeof global.scope === 'function' ? global.scope(host) : '').toBe(
      'https://contoso-admin.sharepoint.com/.default',
    );
    expect(serviceEndpoint('usgov-dod', 'sharepointAdmin').sharePointSuffix).toBe('sharepoint-mil.us');
    expect(() => sharePointAdminHost('-bad-.onmicrosoft.com', 'sharepoint.com')).toThrow(/initial domain/);
  });

  it('says clearly when Microsoft does not run a service in a cloud', () => {
    expect(() => serviceEndpoint('usgov', 'fabric')).toThrow(ServiceNotOfferedError);
    expect(() => serviceEndpoint('usgov-dod', 'fabric')).toThrow(
      'The Fabric admin API is not offered in Microsoft 365 DoD (M365_CLOUD=usgov-dod), so its controls cannot be read there.',
    );
  });
});

describe('admin API URL overrides', () => {
  it('take each M365_*_URL as the base URL, without a trailing slash', () => {
    const cloud = resolveCloud({
      M365_EXCHANGE_URL: 'https://127.0.0.1:4443/exchange/',
      M365_COMPLIANCE_URL: 'https://127.0.0.1:4443/compliance',
      M365_TEAMS_ADMIN_URL: 'https://127.0.0.1:4443/teams',
      M365_FABRIC_URL: 'https://proxy.example/fabric',
      M365_SHAREPOINT_ADMIN_URL: ' https://contoso-admin.sharepoint.com ',
    });
    expect(cloud.serviceUrls).toEqual({
      exchange: 'https://127.0.0.1:4443/exchange',
      compliance: 'https://127.0.0.1:4443/compliance',
      teams: 'https://127.0.0.1:4443/teams',
      fabric: 'https://proxy.example/fabric',
      sharepointAdmin: 'https://contoso-admin.sharepoint.com',
    });
    expect(resolveCloud({ M365_EXCHANGE_URL: '  ' }).serviceUrls).toBeUndefined();
  });

  it('refuse what would send a token in clear text or somewhere unexpected', () => {
    expect(() => resolveCloud({ M365_EXCHANGE_URL: 'http://127.0.0.1/exchange' })).toThrow(CloudConfigError);
    expect(() => resolveCloud({ M365_EXCHANGE_URL: 'http://127.0.0.1/exchange' })).toThrow(
      /M365_EXCHANGE_URL must use https/,
    );
    expect(() => resolveCloud({ M365_FABRIC_URL: 'api.fabric.microsoft.com' })).toThrow(
      /M365_FABRIC_URL must be an absolute https URL/,
    );
    expect(() => resolveCloud({ M365_TEAMS_ADMIN_URL: 'https://user:pw@teams.example' })).toThrow(
      /M365_TEAMS_ADMIN_URL must not contain credentials/,
    );
    expect(() => resolveCloud({ M365_COMPLIANCE_URL: 'https://scc.example/?x=1' })).toThrow(
      /M365_COMPLIANCE_URL must not contain a query/,
    );
  });
});

describe('tenant id of a token', () => {
  it('reads the tid claim and nothing else', () => {
    const payload = Buffer.from(JSON.stringify({ tid: 'tenant-1', roles: [] })).toString('base64url');
    expect(tenantIdOfToken(`x.${payload}.y`)).toBe('tenant-1');
    expect(tenantIdOfToken('not-a-jwt')).toBeUndefined();
    expect(tenantIdOfToken(`x.${Buffer.from('{}').toString('base64url')}.y`)).toBeUndefined();
  });
});
