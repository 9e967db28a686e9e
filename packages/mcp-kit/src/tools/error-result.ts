import { randomUUID } from 'node:crypto';
import type { AuditOutcome } from '@m365-mcp/audit-log';
import { ConfigurationError } from '@m365-mcp/auth';
import {
  BadRequestError,
  CloudConfigError,
  ForbiddenError,
  GraphError,
  NotFoundError,
  ThrottledError,
  TransientError,
  UnauthorizedError,
} from '@m365-mcp/graph-core';
import { ServerConfigError } from '../config/load-config.js';
import { GuardrailRefusal } from '../writes/write-plan.js';
import { ToolInputError } from './tool-input-error.js';

export interface ErrorDescription {
  /** What failed, why, and what to do; safe to show the model (no stack, no secret). */
  message: string;
  outcome: AuditOutcome;
  /** For the audit line: the kind of failure and ids, never the raw error. */
  detail: Record<string, unknown>;
  /** For stderr only, when the failure was unexpected. */
  internal?: { errorId: string; error: unknown };
}

function call(error: GraphError): string {
  return error.method && error.path ? `${error.method} ${error.path}` : 'a request';
}

function statusText(error: GraphError): string {
  return error.status === 0 ? error.code : `${error.status}`;
}

function requestIdNote(error: GraphError): string {
  const said = error.graphMessage ? ` Microsoft Graph said: "${error.graphMessage}"` : '';
  return `${said}${error.requestId ? ` (Graph request-id ${error.requestId})` : ''}`;
}

function forbiddenMessage(error: ForbiddenError, server: string): string {
  const [least, ...others] = error.requiredPermissions;
  const lacks = least
    ? `this app lacks ${least}${others.length > 0 ? ` (or one of ${others.join(', ')})` : ''}`
    : 'this app lacks a permission this call needs';
  const grant = least
    ? `Grant the application permission ${least} to the app registration and admin-consent it`
    : 'Grant the missing application permission to the app registration and admin-consent it';
  return `Microsoft Graph refused ${call(error)} (403 Forbidden): ${lacks}. ${grant}; \`${server} permissions\` lists what this server needs.${requestIdNote(error)}`;
}

function graphMessage(error: GraphError, server: string): string {
  if (error instanceof ForbiddenError) return forbiddenMessage(error, server);
  if (error instanceof ThrottledError) {
    return `Microsoft Graph is throttling this app (429 Too Many Requests on ${call(error)}) and the retries did not get through. ${
      error.retryAfterSeconds === undefined
        ? 'Wait a minute before retrying'
        : `Retry after ${Math.max(1, Math.ceil(error.retryAfterSeconds))} s`
    }, or ask for less (a smaller limit or a narrower filter).${requestIdNote(error)}`;
  }
  if (error instanceof NotFoundError) {
    return `Microsoft Graph found nothing at ${call(error)} (404 Not Found). Check the id or name you passed; the object may have been deleted.${requestIdNote(error)}`;
  }
  if (error instanceof UnauthorizedError && error.code === 'credentialError') {
    return `Signing in to Microsoft Entra ID failed. ${error.message} Check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate (it may have expired or been rotated).`;
  }
  if (error instanceof UnauthorizedError) {
    const what = error.status === 0 ? 'no access token could be obtained' : '401 Unauthorized';
    return `Microsoft Graph rejected this app's credentials (${what} on ${call(error)}). Check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate (it may have expired); \`${server} check\` signs in and reports what is wrong.${requestIdNote(error)}`;
  }
  if (error instanceof TransientError) {
    return `Microsoft Graph failed temporarily (${statusText(error)} on ${call(error)}) and the retries did not get through. Try again in a minute.${requestIdNote(error)}`;
  }
  if (error instanceof BadRequestError) {
    return `Microsoft Graph rejected ${call(error)} as invalid (400 ${error.code}). Check the arguments (ids, filters, dates).${requestIdNote(error)}`;
  }
  if (error.status === 0) return `The call to Microsoft Graph (${call(error)}) failed: ${error.code}.`;
  return `Microsoft Graph answered ${error.status} ${error.code} to ${call(error)}.${requestIdNote(error)}`;
}

/** Turns anything a tool threw into a message the model can act on. */
export function describeError(error: unknown, server: string): ErrorDescription {
  if (error instanceof ToolInputError) {
    // A tool's own refusal of its input (an unknown plan id, a forged cursor) is the same outcome as
    // arguments the schema refused: the caller must correct the call.
    return { message: error.message, outcome: 'invalid', detail: { kind: 'input' } };
  }
  if (error instanceof GuardrailRefusal) {
    return {
      message: `Refused by a guardrail: ${error.message} Nothing was changed.`,
      outcome: 'refused',
      detail: { kind: 'guardrail', reason: error.message },
    };
  }
  if (error instanceof GraphError) {
    return {
      message: graphMessage(error, server),
      outcome: 'error',
      detail: {
        kind: 'graph',
        status: error.status,
        code: error.code,
        ...(error.method ? { method: error.method } : {}),
        ...(error.path ? { path: error.path } : {}),
        ...(error.requestId ? { requestId: error.requestId } : {}),
      },
    };
  }
  if (
    error instanceof ConfigurationError ||
    error instanceof ServerConfigError ||
    error instanceof CloudConfigError
  ) {
    return {
      message: `The server is not configured correctly: ${error.message}`,
      outcome: 'error',
      detail: { kind: 'configuration' },
    };
  }
  const errorId = randomUUID();
  return {
    message: `The tool failed unexpectedly (error id ${errorId}). The details are in the server's log (stderr); retrying may not help.`,
    outcome: 'error',
    detail: { kind: 'internal', errorId },
    internal: { errorId, error },
  };
}
