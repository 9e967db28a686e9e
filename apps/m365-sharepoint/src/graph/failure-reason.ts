// Why a read failed, in one line a reader can act on: graph-core's summary says which request
// failed, with Graph's status, code and message, and the request-id Microsoft support asks for (here
// also when only the caller knows it, as for a body that was not JSON). Never a stack trace, never a
// token (graph-core redacts them).
import { type BatchResult, GraphError } from '@m365-mcp/graph-core';

function requestIdNote(requestId: string | undefined): string {
  return requestId ? ` (request-id ${requestId})` : '';
}

export function failureReason(error: unknown, requestId?: string): string {
  if (error instanceof GraphError)
    return error.requestId ? error.summary : `${error.message}${requestIdNote(requestId)}`;
  if (error instanceof Error) return `${error.message.slice(0, 300)}${requestIdNote(requestId)}`;
  return `unknown error${requestIdNote(requestId)}`;
}

/** A failed `$batch` member as a typed error (graph-core made one for every non-2xx member). */
export function batchError(result: BatchResult, path: string): GraphError {
  return (
    result.error ??
    new GraphError({
      status: result.status,
      code: 'unexpectedStatus',
      message: `GET ${path} answered ${result.status}.`,
      requestId: result.headers['request-id'],
      method: 'GET',
      path,
    })
  );
}

/** A 2xx answer whose body is not what Graph documents: an error, never an empty result. */
export function unexpectedShape(path: string, requestId: string | undefined, detail = ''): GraphError {
  return new GraphError({
    status: 200,
    code: 'unexpectedResponse',
    message: `GET ${path}: the answer does not have the shape Microsoft Graph documents${detail ? ` (${detail})` : ''}.`,
    requestId,
    method: 'GET',
    path,
  });
}
