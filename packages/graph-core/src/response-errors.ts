// Turns a Graph error response into the typed error for its status, with Graph's request-id and,
// for a 403, the permissions that would allow the call (from Microsoft's catalogue).
import { z } from 'zod';
import { defaultErrorCode, truncateMessage } from './error-wording.js';
import { type GraphError, graphErrorForStatus, ThrottledError } from './errors.js';
import { permissionsForRequest } from './permissions/property-permissions.js';

const graphErrorBody = z.looseObject({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z
      .looseObject({
        'request-id': z.string().optional(),
        'client-request-id': z.string().optional(),
      })
      .optional(),
  }),
});

export interface ErrorResponse {
  status: number;
  headers: { get(name: string): string | null | undefined };
  body: unknown;
  method: string;
  /** Path relative to the version, without the query. */
  path: string;
  /** The query string (`?$select=…`), when known: a selected property may need its own permission. */
  search?: string;
  retryAfterMs: number | undefined;
}

export function errorFromResponse(response: ErrorResponse): GraphError {
  const parsed = graphErrorBody.safeParse(response.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const code = error?.code ?? defaultErrorCode(response.status);
  const graphMessage = truncateMessage(error?.message ?? '');
  const requestId = response.headers.get('request-id') ?? error?.innerError?.['request-id'] ?? undefined;
  const clientRequestId =
    response.headers.get('client-request-id') ?? error?.innerError?.['client-request-id'] ?? undefined;
  const { method, path, status } = response;
  const base = {
    status,
    code,
    requestId,
    clientRequestId,
    method,
    path,
    ...(graphMessage === '' ? {} : { graphMessage }),
  };
  const prefix = `${method} ${path} failed with ${status} ${code}`;
  const detail = graphMessage === '' ? '' : `: ${graphMessage}`;

  if (status === 403) {
    const { least, all } = permissionsForRequest(method, path, response.search);
    // `all` starts with `least`: least-privileged first.
    const requiredPermissions = all;
    const hint = permissionHint(least, all);
    return graphErrorForStatus({ ...base, message: `${prefix}${detail}.${hint}`, requiredPermissions });
  }
  const retryAfterSeconds = response.retryAfterMs === undefined ? undefined : response.retryAfterMs / 1000;
  if (status === 429 || (status === 503 && retryAfterSeconds !== undefined)) {
    const wait = retryAfterSeconds === undefined ? '' : ` Graph asked to wait ${retryAfterSeconds} s.`;
    return new ThrottledError({
      ...base,
      message: `${prefix}${detail}; still throttled after the retry budget was spent.${wait}`,
      retryAfterSeconds,
    });
  }
  return graphErrorForStatus({ ...base, message: `${prefix}${detail}` });
}

/** Names the least-privileged permission and a few broader ones; the full list is on the error. */
function permissionHint(least: readonly string[], all: readonly string[]): string {
  const [first, ...otherLeast] = least.length > 0 ? least : all;
  if (first === undefined) return '';
  const alternatives = [...otherLeast, ...all.filter((name) => name !== first && !otherLeast.includes(name))];
  const shown = alternatives.slice(0, 3);
  const more = alternatives.length > shown.length ? ', …' : '';
  const or = shown.length === 0 ? '' : ` (or one of ${shown.join(', ')}${more})`;
  return ` The app needs the application permission ${first}${or}, granted with admin consent.`;
}
