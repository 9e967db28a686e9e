import { ConfigurationError } from '@m365-mcp/auth';
import {
  BadRequestError,
  ForbiddenError,
  GraphError,
  NotFoundError,
  ThrottledError,
  TransientError,
  UnauthorizedError,
} from '@m365-mcp/graph-core';
import { describe, expect, it } from 'vitest';
import { describeError, refuse, ToolInputError } from '../src/index.js';

const at = { method: 'GET', path: '/users', requestId: 'req-1', message: 'm' };

describe('describeError', () => {
  it('403 names the least-privileged permission, the alternatives and the fix', () => {
    const { message, outcome, detail } = describeError(
      new ForbiddenError({
        ...at,
        status: 403,
        code: 'Authorization_RequestDenied',
        requiredPermissions: ['User.Read.All', 'Directory.Read.All'],
      }),
      'm365-identity',
    );
    expect(message).toBe(
      'Microsoft Graph refused GET /users (403 Forbidden): this app lacks User.Read.All (or one of Directory.Read.All). Grant the application permission User.Read.All to the app registration and admin-consent it; `m365-identity permissions` lists what this server needs. (Graph request-id req-1)',
    );
    expect(outcome).toBe('error');
    expect(detail).toEqual({
      kind: 'graph',
      status: 403,
      code: 'Authorization_RequestDenied',
      method: 'GET',
      path: '/users',
      requestId: 'req-1',
    });
  });

  it('429 after retries says when to retry', () => {
    const throttled = new ThrottledError({
      ...at,
      status: 429,
      code: 'TooManyRequests',
      retryAfterSeconds: 7.2,
    });
    expect(describeError(throttled, 's').message).toMatch(
      /429 Too Many Requests on GET \/users.*Retry after 8 s/,
    );
    const silent = new ThrottledError({ ...at, status: 429, code: 'TooManyRequests' });
    expect(describeError(silent, 's').message).toMatch(/Wait a minute before retrying/);
  });

  it('404, 401, 5xx and 400 each say what to do', () => {
    expect(
      describeError(new NotFoundError({ ...at, status: 404, code: 'Request_ResourceNotFound' }), 's').message,
    ).toMatch(/404 Not Found\)\. Check the id/);
    expect(
      describeError(new UnauthorizedError({ ...at, status: 401, code: 'InvalidAuthenticationToken' }), 's')
        .message,
    ).toMatch(/credentials .*`s check` signs in/);
    expect(
      describeError(new TransientError({ ...at, status: 503, code: 'serviceUnavailable' }), 's').message,
    ).toMatch(/failed temporarily \(503 on GET \/users\).*Try again in a minute/);
    expect(
      describeError(new BadRequestError({ ...at, status: 400, code: 'BadRequest' }), 's').message,
    ).toMatch(/rejected GET \/users as invalid \(400 BadRequest\)/);
  });

  it("carries Graph's own words and the request-id, for every error class", () => {
    for (const [ErrorClass, status] of [
      [BadRequestError, 400],
      [NotFoundError, 404],
      [GraphError, 409],
      [TransientError, 503],
    ] as const) {
      const error = new ErrorClass({
        ...at,
        status,
        code: 'Some_Code',
        graphMessage: 'The thing is in a state that does not allow this.',
        requestId: 'b0d2f3a4-0000-4000-8000-000000000001',
      });
      expect(describeError(error, 's').message).toMatch(
        /Microsoft Graph said: "The thing is in a state that does not allow this\." \(Graph request-id b0d2f3a4-0000-4000-8000-000000000001\)$/,
      );
    }
  });

  it('input errors, refusals and configuration errors pass their message on', () => {
    expect(describeError(new ToolInputError('Bad cursor.'), 's')).toMatchObject({
      message: 'Bad cursor.',
      outcome: 'invalid',
    });
    let refusal: unknown;
    try {
      refuse('That is the last Global Administrator.');
    } catch (error) {
      refusal = error;
    }
    expect(describeError(refusal, 's')).toMatchObject({
      outcome: 'refused',
      message: 'Refused by a guardrail: That is the last Global Administrator. Nothing was changed.',
    });
    expect(
      describeError(new ConfigurationError('Set AZURE_TENANT_ID.', ['AZURE_TENANT_ID']), 's').message,
    ).toBe('The server is not configured correctly: Set AZURE_TENANT_ID.');
  });

  it('anything else becomes a generic message with an error id and no details', () => {
    const described = describeError(new Error('password=hunter2 at /srv/app.ts:12'), 's');
    expect(described.message).toMatch(/^The tool failed unexpectedly \(error id [0-9a-f-]{36}\)/);
    expect(described.message).not.toMatch(/hunter2|app\.ts/);
    expect(described.internal?.errorId).toBeDefined();
  });
});
