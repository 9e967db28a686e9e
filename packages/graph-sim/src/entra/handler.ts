// The Entra ID side of the simulator: OpenID metadata, the token endpoint and the signing keys, on
// tenant-shaped paths (`/{tenant id or initial domain}/...`).
import { randomUUID } from 'node:crypto';
import type { HostedTenant, HostedTenants } from '../tenants/hosted-tenants.js';
import type { AppRegistry } from './apps.js';
import { EntraError } from './errors.js';
import { publicJwks, type SigningKey } from './keys.js';
import { openIdConfiguration } from './metadata.js';
import { handleTokenRequest } from './token-endpoint.js';

export interface EntraContext {
  /** The tenants this Entra knows: a path names one by id or initial domain. */
  tenants: HostedTenants;
  apps: AppRegistry;
  signingKey: SigningKey;
  federation: { issuer: string; key: SigningKey };
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
}

type EntraEndpoint = 'metadata' | 'token' | 'keys';

/** Which Entra endpoint a path names, or undefined when it is not an Entra path. */
export function entraEndpoint(segments: readonly string[]): EntraEndpoint | undefined {
  const rest = segments.slice(1).join('/').toLowerCase();
  if (segments.length < 2) return undefined;
  if (rest === 'v2.0/.well-known/openid-configuration') return 'metadata';
  if (rest === 'oauth2/v2.0/token') return 'token';
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
    if (endpoint !== 'token') return undefined;
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
      case 'keys':
        if (request.method !== 'GET') break;
        return respond(200, await publicJwks([ctx.signingKey]), correlationId, undefined, tenantId);
      case 'token': {
        if (request.method !== 'POST') break;
        const tokenEndpoints = [host.tenant.id, host.tenant.initialDomain].map(
          (segment) => `${request.origin}/${segment}/oauth2/v2.0/token`,
        );
        const result = await handleTokenRequest(
          {
            tenant: host.tenant,
            apps: ctx.apps,
            grant: (clientId) => host.grants.get(clientId.toLowerCase()),
            signingKey: ctx.signingKey,
            federation: ctx.federation,
            tokenEndpoints,
          },
          new URLSearchParams(request.body.toString('utf8')),
        );
        return respond(200, result.body, correlationId, result.clientId, tenantId);
      }
      case undefined:
        break;
    }
    throw new EntraError(
      405,
      'invalid_request',
      900561,
      `The endpoint only accepts ${endpoint === 'token' ? 'POST' : 'GET'} requests.`,
    );
  } catch (error) {
    if (error instanceof EntraError) {
      return respond(error.status, error.toBody(correlationId), correlationId, formClientId(), tenantId);
    }
    throw error;
  }
}
