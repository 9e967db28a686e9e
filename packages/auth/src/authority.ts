import type { CloudProfile } from '@m365-mcp/graph-core';

// Entra's public authority hosts. For any other host (a simulator, a proxy) MSAL's instance
// discovery would ask login.microsoftonline.com about it and fail, so it is turned off.
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

export function isMicrosoftAuthority(authorityHost: string): boolean {
  try {
    return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}

export interface IdentityClientOptions {
  authorityHost: string;
  disableInstanceDiscovery: boolean;
  tlsOptions?: { ca: string };
}

/** The options every @azure/identity credential here is built with. */
export function identityClientOptions(cloud: CloudProfile, ca: string | undefined): IdentityClientOptions {
  return {
    authorityHost: cloud.authorityHost,
    disableInstanceDiscovery: !isMicrosoftAuthority(cloud.authorityHost),
    ...(ca === undefined ? {} : { tlsOptions: { ca } }),
  };
}
