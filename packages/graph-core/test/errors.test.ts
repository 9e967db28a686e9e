import { describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  GraphError,
  redactSecrets,
  ThrottledError,
  TransientError,
  toGraphError,
  UnauthorizedError,
} from '../src/index.js';
import { errorFromResponse } from '../src/response-errors.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMiLCJyb2xlcyI6W119.c2lnbmF0dXJlLXZhbHVl';

describe('errors', () => {
  it('never carries a token or secret in a message', () => {
    expect(redactSecrets(`Authorization: Bearer ${JWT} failed`)).toBe('Authorization: [redacted] failed');
    expect(redactSecrets(`token ${JWT}`)).toBe('token [redacted]');
    expect(redactSecrets('client_id=1&client_secret=abc~def&scope=x')).toBe(
      'client_id=1&client_secret=[redacted]&scope=x',
    );
    const error = new GraphError({ status: 0, code: 'x', message: `bad token ${JWT}` });
    expect(error.message).not.toContain(JWT);
    expect(JSON.stringify(error)).not.toContain(JWT);
  });

  it('maps thrown values to typed errors', () => {
    const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const transient = toGraphError(fetchFailed, { method: 'GET', path: '/users' });
    expect(transient).toBeInstanceOf(TransientError);
    expect(transient.message).toContain('ECONNRESET');
    const credential = Object.assign(new Error('AADSTS7000215: Invalid client secret'), {
      name: 'AuthenticationRequiredError',
    });
    expect(toGraphError(credential)).toBeInstanceOf(UnauthorizedError);
    const graphClientError = Object.assign(new Error('Forbidden'), { statusCode: 403, code: 'accessDenied' });
    expect(toGraphError(graphClientError)).toBeInstanceOf(ForbiddenError);
    expect(toGraphError('weird').code).toBe('unknownError');
  });

  it('reads Graph error bodies: code, request-id, and the permission a 403 needs', () => {
    const headers = new Headers({ 'request-id': 'rid-1', 'client-request-id': 'cid-1' });
    const forbidden = errorFromResponse({
      status: 403,
      headers,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
      method: 'GET',
      path: '/identityProtection/riskyUsers',
      retryAfterMs: undefined,
    });
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect(forbidden).toMatchObject({
      code: 'Authorization_RequestDenied',
      requestId: 'rid-1',
      clientRequestId: 'cid-1',
      requiredPermissions: ['IdentityRiskyUser.Read.All'],
    });
    expect(forbidden.message).toContain('IdentityRiskyUser.Read.All');

    const throttled = errorFromResponse({
      status: 503,
      headers: new Headers(),
      body: { error: { code: 'serviceNotAvailable', innerError: { 'request-id': 'rid-2' } } },
      method: 'GET',
      path: '/sites',
      retryAfterMs: 30_000,
    });
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect(throttled).toMatchObject({ retryAfterSeconds: 30, requestId: 'rid-2' });
  });
});
