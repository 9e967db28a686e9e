// What each admin API sends when it refuses a request, in its own shape: Exchange Online and
// Security & Compliance (the OData error of the adminapi), Teams admin (an OData-style error), Fabric (its ErrorResponse)
// and SharePoint (token errors in `error_description`, others as an OData error).
import { randomUUID } from 'node:crypto';
import type { SimService } from '../entra/resources.js';
import { serviceResourceAppIds } from '../entra/resources.js';

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  drop?: boolean;
}

export type TokenProblem = 'missing' | 'invalid' | 'expired' | 'wrongTenant' | 'wrongAudience';

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ServiceResponse {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'request-id': randomUUID(),
      Date: new Date().toUTCString(),
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

const TOKEN_REASONS: Record<TokenProblem, string> = {
  missing: 'The request has no bearer token.',
  invalid: 'The token has an invalid signature.',
  expired: 'The token has expired.',
  wrongTenant: 'The token was issued for another tenant.',
  wrongAudience: 'The audience claim value is invalid for this resource.',
};

/** The adminapi's OData error (the body ExchangeOnlineManagement and CIPP's New-ExoRequest read). */
export function exchangeError(
  status: number,
  code: string,
  message: string,
  details: readonly { code: string; target: string; message: string }[] = [],
  headers: Record<string, string> = {},
): ServiceResponse {
  return jsonResponse(
    status,
    {
      error: {
        code,
        message,
        ...(details.length > 0 ? { details } : {}),
        innererror: { message, type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException' },
      },
    },
    headers,
  );
}

function exchangeTokenError(origin: string, problem: TokenProblem): ServiceResponse {
  // Exchange Online says why in x-ms-diagnostics and a Bearer challenge, with an empty body.
  return {
    status: 401,
    headers: {
      'WWW-Authenticate': `Bearer client_id="${serviceResourceAppIds.exchangeOnline}", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="${origin}/common/oauth2/authorize", error="invalid_token"`,
      'x-ms-diagnostics': `2000001;reason="${TOKEN_REASONS[problem]}";error_category="invalid_token"`,
      'request-id': randomUUID(),
      'Content-Length': '0',
    },
    body: undefined,
  };
}

/** The Fabric REST API's ErrorResponse. */
export function fabricError(
  status: number,
  errorCode: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return jsonResponse(status, { requestId: randomUUID(), errorCode, message }, headers);
}

/** SharePoint's OData error, in the JSON flavour the request asked for. */
export function sharePointError(
  status: number,
  code: string,
  message: string,
  accept: string | undefined,
  headers: Record<string, string> = {},
): ServiceResponse {
  const error = { code, message: { lang: 'en-US', value: message } };
  const verbose = (accept ?? '').toLowerCase().includes('odata=verbose');
  return jsonResponse(status, verbose ? { error } : { 'odata.error': error }, headers);
}

/** SharePoint's answer to a token it will not take: 401, a Bearer challenge, `error_description`. */
export function sharePointTokenError(
  tenantId: string,
  origin: string,
  diagnostics: string,
  description: string,
) {
  return jsonResponse(
    401,
    { error_description: description },
    {
      'WWW-Authenticate': `Bearer realm="${tenantId}",client_id="${serviceResourceAppIds.sharePointOnline}",trusted_issuers="00000001-0000-0000-c000-000000000000@*,https://sts.windows.net/*/,https://login.microsoftonline.com/*/v2.0",authorization_uri="${origin}/common/oauth2/authorize"`,
      'x-ms-diagnostics': diagnostics,
    },
  );
}

/** The 401 each service sends for a missing, invalid, expired or foreign token. */
export function tokenError(
  service: SimService,
  problem: TokenProblem,
  ctx: { origin: string; tenantId: string; accept: string | undefined },
): ServiceResponse {
  switch (service) {
    case 'exchange':
    case 'compliance':
      return exchangeTokenError(ctx.origin, problem);
    case 'teams':
      return jsonResponse(
        401,
        { error: { code: 'Unauthorized', message: TOKEN_REASONS[problem] } },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      );
    case 'fabric':
      return fabricError(
        401,
        problem === 'expired' ? 'TokenExpired' : 'Unauthorized',
        TOKEN_REASONS[problem],
        {
          'WWW-Authenticate': 'Bearer error="invalid_token"',
        },
      );
    case 'sharepointAdmin':
      return problem === 'wrongAudience'
        ? sharePointTokenError(
            ctx.tenantId,
            ctx.origin,
            '3000003;reason="Invalid audience Uri.";category="invalid_client"',
            'Invalid audience Uri.',
          )
        : sharePointTokenError(
            ctx.tenantId,
            ctx.origin,
            '3000001;reason="There has been an error authenticating the request.";category="invalid_client"',
            problem === 'expired' ? 'The token is expired.' : 'Invalid issuer or signature.',
          );
  }
}

/** A scripted status fault (429, 5xx) in the service's error shape, with Retry-After when given. */
export function faultResponse(
  service: SimService,
  status: number,
  retryAfter: number | null,
  accept: string | undefined,
): ServiceResponse {
  const headers: Record<string, string> = retryAfter === null ? {} : { 'Retry-After': String(retryAfter) };
  const throttled = status === 429;
  const message = throttled
    ? 'Too many requests. Please try again later.'
    : 'The service is temporarily unavailable. Please try again later.';
  switch (service) {
    case 'exchange':
    case 'compliance':
      return exchangeError(
        status,
        throttled ? 'TooManyRequests' : 'ServiceUnavailable',
        message,
        [],
        headers,
      );
    case 'teams':
      return jsonResponse(
        status,
        { error: { code: throttled ? 'TooManyRequests' : 'ServiceUnavailable', message } },
        headers,
      );
    case 'fabric':
      return fabricError(status, throttled ? 'RequestBlocked' : 'ServiceUnavailable', message, headers);
    case 'sharepointAdmin':
      return sharePointError(
        status,
        throttled ? '-2147024860, Microsoft.SharePoint.SPQueryThrottledException' : 'ServiceUnavailable',
        message,
        accept,
        headers,
      );
  }
}
