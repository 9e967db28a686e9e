// The issuers Entra writes in access tokens. v1.0 tokens (what an app registration gets unless its
// manifest asks for v2) are issued by the cloud's security token service, v2.0 tokens by the
// authority itself; both name the tenant that issued them (`tid`).

/** The v1.0 token service of the cloud an authority belongs to. */
function v1TokenService(authority: string): string {
  const host = new URL(authority).hostname.toLowerCase();
  // Microsoft Azure operated by 21Vianet has its own token service; the global cloud, the US
  // government clouds and any other authority (graph-sim) use sts.windows.net.
  if (host === 'login.chinacloudapi.cn' || host === 'login.partner.microsoftonline.cn') {
    return 'https://sts.chinacloudapi.cn';
  }
  return 'https://sts.windows.net';
}

/** The `iss` Entra writes in a token of this version for this tenant, or undefined for an unknown version. */
export function expectedIssuer(authority: string, version: unknown, tenantId: string): string | undefined {
  if (version === '1.0') return `${v1TokenService(authority)}/${tenantId}/`;
  if (version === '2.0') return `${authority}/${tenantId}/v2.0`;
  return undefined;
}

/** The authorization server clients sign in with (RFC 9728 `authorization_servers`). */
export function authorizationServer(authority: string, tenantId: string): string {
  return `${authority}/${tenantId}/v2.0`;
}

/** Where the home tenant's OpenID metadata (and so its `jwks_uri`) is published. */
export function openIdConfigurationUrl(authority: string, tenantId: string): string {
  return `${authority}/${tenantId}/v2.0/.well-known/openid-configuration`;
}
