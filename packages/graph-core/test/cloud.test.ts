import { describe, expect, it } from 'vitest';
import { CloudConfigError, resolveCloud } from '../src/index.js';

describe('resolveCloud', () => {
  it('defaults to the global cloud', () => {
    expect(resolveCloud({})).toEqual({
      name: 'global',
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
      graphScope: 'https://graph.microsoft.com/.default',
      fileDownloadHostSuffixes: ['sharepoint.com', 'files.1drv.com'],
    });
  });

  it('knows the national clouds', () => {
    expect(resolveCloud({ M365_CLOUD: 'usgov' }).graphBaseUrl).toBe('https://graph.microsoft.us');
    const dod = resolveCloud({ M365_CLOUD: 'usgov-dod' });
    expect(dod.graphBaseUrl).toBe('https://dod-graph.microsoft.us');
    expect(dod.authorityHost).toBe('https://login.microsoftonline.us');
    const china = resolveCloud({ M365_CLOUD: 'China' });
    expect(china.authorityHost).toBe('https://login.chinacloudapi.cn');
    expect(china.graphScope).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
  });

  it('infers the cloud from a national AZURE_AUTHORITY_HOST', () => {
    expect(resolveCloud({ AZURE_AUTHORITY_HOST: 'https://login.chinacloudapi.cn/' }).name).toBe('china');
  });

  it('honours overrides, dropping a pasted version and trailing slash', () => {
    const cloud = resolveCloud({
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443/',
      M365_GRAPH_URL: 'https://127.0.0.1:8443/v1.0/',
    });
    expect(cloud.authorityHost).toBe('https://127.0.0.1:8443');
    expect(cloud.graphBaseUrl).toBe('https://127.0.0.1:8443');
    expect(cloud.graphScope).toBe('https://graph.microsoft.com/.default');
  });

  it('refuses anything but https, and unknown clouds, with a clear message', () => {
    expect(() => resolveCloud({ M365_GRAPH_URL: 'http://localhost:8080' })).toThrow(
      /M365_GRAPH_URL must use https/,
    );
    expect(() => resolveCloud({ AZURE_AUTHORITY_HOST: 'login.microsoftonline.com' })).toThrow(
      CloudConfigError,
    );
    expect(() => resolveCloud({ M365_GRAPH_URL: 'https://user:pw@host' })).toThrow(/credentials/);
    expect(() => resolveCloud({ M365_CLOUD: 'mars' })).toThrow(/global, usgov, usgov-dod, china/);
  });
});
