// The OpenID Connect metadata MSAL reads before it asks for a token. Every URL is built from the
// origin the client used (its Host header): MSAL rejects metadata that names another host.
export function openIdConfiguration(origin: string, tenantSegment: string, tenantId: string): object {
  const host = new URL(origin).host;
  return {
    token_endpoint: `${origin}/${tenantSegment}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenantSegment}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${origin}/${tenantId}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${origin}/${tenantSegment}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${origin}/${tenantSegment}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${origin}/${tenantSegment}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'roles'],
    kerberos_endpoint: `${origin}/${tenantSegment}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: host,
    cloud_graph_host_name: host,
    msgraph_host: host,
    rbac_url: origin,
  };
}

/**
 * The v1.0 metadata (`/{tenant}/.well-known/openid-configuration`): its issuer is the v1 tokens'
 * (`https://sts.windows.net/{tid}/`), which a resource server accepting v1 tokens validates against.
 */
export function openIdConfigurationV1(origin: string, tenantSegment: string, tenantId: string): object {
  return {
    token_endpoint: `${origin}/${tenantSegment}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenantSegment}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    issuer: `https://sts.windows.net/${tenantId}/`,
    authorization_endpoint: `${origin}/${tenantSegment}/oauth2/authorize`,
    device_authorization_endpoint: `${origin}/${tenantSegment}/oauth2/devicecode`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid', 'upn', 'roles', 'scp'],
    tenant_region_scope: 'EU',
    cloud_instance_name: new URL(origin).host,
  };
}
