// The Entra ID side of the simulator: OpenID metadata, the token endpoint and the signing keys, on
// tenant-shaped paths (`/{tenant id or initial domain}/...`).
import { randomUUID } from 'node:crypto';
import type { HostedTenant, HostedTenants } from '../tenants/hosted-tenants.js';
import type { AppRoleAssignments } from './app-role-assignments.js';
import type { AppRegistry } from './apps.js';
import { handleAuthorize } from './authorize-endpoint.js';
import { startDeviceCode } from './device-code.js';
import { EntraError } from './errors.js';
import { publicJwks, type SigningKey } from './keys.js';
import { openIdConfiguration, openIdConfigurationV1 } from './metadata.js';
import { SigningKeyRing } from './signing-keys.js';
import type { TokenEndpointContext } from './token-context.js';
import { handleTokenRequest } from './token-endpoint.js';
import type { UserSessions } from './user-sessions.js';

export interface EntraContext {
  /** The tenants this Entra knows: a path names one by id or initial domain. */
  tenants: HostedTenants;
  apps: AppRegistry;
  signingKey: SigningKey;
  federation: { issuer: string; key: SigningKey };
  appRoles: AppRoleAssignments;
  sessions: UserSessions;
}

export interface EntraRequest {
  method: string;
  /** Decoded path segments. */
  segments: readonly string[];
  origin: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

export interface EntraResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  clientId: string | undefined;
  /** The hosted tenant the path named, when it named one. */
  tenantId: string | undefined;
  /** The user a user flow signed in or issued a token for. */
  userId?: string;
}

type EntraEndpoint = 'metadata' | 'metadataV1' | 'token' | 'keys' | 'authorize' | 'devicecode';

/** Which Entra endpoint a path names, or undefined when it is not an Entra path. */
export function entraEndpoint(segments: readonly string[]): EntraEndpoint | undefined {
  const rest = segments.slice(1).join('/').toLowerCase();
  if (segments.length < 2) return undefined;
  if (rest === 'v2.0/.well-known/openid-configuration') return 'metadata';
  if (rest === '.well-known/openid-configuration') return 'metadataV1';
  if (rest === 'oauth2/v2.0/token') return 'token';
  if (rest === 'oauth2/v2.0/authorize') return 'authorize';
  if (rest === 'oauth2/v2.0/devicecode') return 'devicecode';
  if (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys') return 'keys';
  return undefined;
}

function respond(
  status: number,
  body: unknown,
  correlationId: string,
  clientId: string | undefined,
  tenantId: string | undefined,
): EntraResponse {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store, no-cache',
      Pragma: 'no-cache',
      'x-ms-request-id': randomUUID(),
      'client-request-id': correlationId,
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      Date: new Date().toUTCString(),
    },
    body: JSON.stringify(body),
    clientId,
    tenantId,
  };
}

export async function handleEntra(ctx: EntraContext, request: EntraRequest): Promise<EntraResponse> {
  const endpoint = entraEndpoint(request.segments);
  const givenCorrelation = request.query.get('client-request-id') ?? request.headers['client-request-id'];
  const correlationId =
    givenCorrelation && /^[A-Za-z0-9-]{1,64}$/.test(givenCorrelation) ? givenCorrelation : randomUUID();
  const tenantSegment = request.segments[0] as string;
  const formClientId = (): string | undefined => {
    if (endpoint === 'authorize') return request.query.get('client_id') ?? undefined;
    if (endpoint !== 'token' && endpoint !== 'devicecode') return undefined;
    const id = new URLSearchParams(request.body.toString('utf8')).get('client_id');
    return id && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : undefined;
  };
  const host: HostedTenant | undefined = ctx.tenants.find(tenantSegment);
  const tenantId = host?.tenant.id;
  try {
    if (!host) {
      throw new EntraError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    switch (endpoint) {
      case 'metadata':
        if (request.method !== 'GET') break;
        return respond(
          200,
          openIdConfiguration(request.origin, tenantSegment, host.tenant.id),
          correlationId,
          undefined,
          tenantId,
        );
      case 'metadataV1':
        if (request.method !== 'GET') break;
        return respond(
          200,
          openIdConfigurationV1(request.origin, tenantSegment, host.tenant.id),
          correlationId,
          undefined,
          tenantId,
        );
      case 'keys':
        if (request.method !== 'GET') break;
        return respond(200, await publicJwks(keysOf(ctx.signingKey)), correlationId, undefined, tenantId);
      case 'token': {
        if (request.method !== 'POST') break;
        const result = await handleTokenRequest(
          tokenContext(ctx, host, request.origin),
          new URLSearchParams(request.body.toString('utf8')),
        );
        return {
          ...respond(200, result.body, correlationId, result.clientId, tenantId),
          ...userOf(result.userId),
        };
      }
      case 'devicecode': {
        if (request.method !== 'POST') break;
        const result = startDeviceCode(
          tokenContext(ctx, host, request.origin),
          new URLSearchParams(request.body.toString('utf8')),
        );
        return respond(200, result.body, correlationId, result.clientId, tenantId);
      }
      case 'authorize': {
        if (request.method !== 'GET') break;
        const result = handleAuthorize(tokenContext(ctx, host, request.origin), request.query);
        if (result.kind === 'page') throw result.error;
        const response = respond(302, {}, correlationId, result.clientId, tenantId);
        response.headers.Location = result.location;
        response.body = '';
        return { ...response, ...userOf(result.userId) };
      }
      case undefined:
        break;
    }
    throw new EntraError(
      405,
      'invalid_request',
      900561,
      `The endpoint only accepts ${endpoint === 'token' || endpoint === 'devicecode' ? 'POST' : 'GET'} requests.`,
    );
  } catch (error) {
    if (error instanceof EntraError) {
      return respond(error.status, error.toBody(correlationId), correlationId, formClientId(), tenantId);
    }
    throw error;
  }
}

function keysOf(key: SigningKey): SigningKey[] {
  return key instanceof SigningKeyRing ? key.all() : [key];
}

function userOf(userId: string | undefined): { userId?: string } {
  return userId === undefined ? {} : { userId };
}

function tokenContext(ctx: EntraContext, host: HostedTenant, origin: string): TokenEndpointContext {
  return {
    tenant: host.tenant,
    apps: ctx.apps,
    grant: (clientId) => host.grants.get(clientId.toLowerCase()),
    signingKey: ctx.signingKey,
    federation: ctx.federation,
    tokenEndpoints: [host.tenant.id, host.tenant.initialDomain].map(
      (segment) => `${origin}/${segment}/oauth2/v2.0/token`,
    ),
    origin,
    appRoles: ctx.appRoles,
    sessions: ctx.sessions,
  };
}
