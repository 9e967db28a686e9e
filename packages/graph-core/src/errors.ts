// Typed Graph errors: what every server maps to an `isError` tool result. A message says what failed
// and why, and never carries a token or a secret (see redactSecrets).

export interface GraphErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string | undefined;
  clientRequestId?: string | undefined;
  method?: string | undefined;
  /** The request path relative to the Graph version, without the query (`/users/{id}`). */
  path?: string | undefined;
  /** Graph's own `error.message`, when the answer had one (already part of `message`). */
  graphMessage?: string | undefined;
  cause?: unknown;
}

/**
 * Marks our errors, so that `instanceof` holds across copies of graph-core in one process: each
 * server's library bundle carries its own copy, and an embedder's (or the test kit's) client throws
 * errors of another, which a plain prototype check would not recognise.
 */
const GRAPH_ERROR_MARK = Symbol.for('@m365-mcp/graph-core/GraphError');

export class GraphError extends Error {
  /** The `name` of this class's errors; what `instanceof` compares across copies of the package. */
  static readonly kind: string = 'GraphError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !(GRAPH_ERROR_MARK in value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked about (subclasses inherit this).
    return this === GraphError || (value as { name?: unknown }).name === this.kind;
  }

  /** HTTP status, or 0 when no response arrived (dropped connection, aborted, credential failure). */
  readonly status: number;
  /** Graph's `error.code` (e.g. `Authorization_RequestDenied`) or one of ours (`networkError`). */
  readonly code: string;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly graphMessage: string | undefined;

  constructor(init: GraphErrorInit) {
    super(redactSecrets(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    Object.defineProperty(this, GRAPH_ERROR_MARK, { value: true });
    this.name = (new.target as typeof GraphError).kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.method = init.method;
    this.path = init.path;
    this.graphMessage = init.graphMessage === undefined ? undefined : redactSecrets(init.graphMessage);
  }

  /**
   * One line for a report: what failed, with Graph's own words, and the request-id Microsoft
   * support asks for. The message already names the call, the status and the code.
   */
  get summary(): string {
    return this.requestId ? `${this.message} (request-id ${this.requestId})` : this.message;
  }

  /** A plain, secret-free summary for logs and tool results. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      clientRequestId: this.clientRequestId,
      method: this.method,
      path: this.path,
    };
  }
}

/** 429 (or a throttling 503) that outlasted the retry budget. */
export class ThrottledError extends GraphError {
  static override readonly kind: string = 'ThrottledError';

  /** What the service last asked us to wait, when it said; the caller may try again after it. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: GraphErrorInit & { retryAfterSeconds?: number | undefined }) {
    super(init);
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** 403: the app lacks a permission. `requiredPermissions` lists what would allow the call, least-privileged first. */
export class ForbiddenError extends GraphError {
  static override readonly kind: string = 'ForbiddenError';

  readonly requiredPermissions: readonly string[];

  constructor(init: GraphErrorInit & { requiredPermissions?: readonly string[] }) {
    super(init);
    this.requiredPermissions = init.requiredPermissions ?? [];
  }
}

export class NotFoundError extends GraphError {
  static override readonly kind: string = 'NotFoundError';
}

/** 5xx, a dropped connection or a malformed body: worth trying again later. */
export class TransientError extends GraphError {
  static override readonly kind: string = 'TransientError';
}

export class BadRequestError extends GraphError {
  static override readonly kind: string = 'BadRequestError';
}

/** 401, or no token could be obtained from the credential. */
export class UnauthorizedError extends GraphError {
  static override readonly kind: string = 'UnauthorizedError';
}

/** The error class Graph's status maps to (ForbiddenError needs its permissions added by the caller). */
export function graphErrorForStatus(
  init: GraphErrorInit & { retryAfterSeconds?: number | undefined; requiredPermissions?: readonly string[] },
): GraphError {
  const { status } = init;
  if (status === 429) return new ThrottledError(init);
  if (status === 403) return new ForbiddenError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 401) return new UnauthorizedError(init);
  if (status === 400) return new BadRequestError(init);
  if (status >= 500 || status === 0) return new TransientError(init);
  return new GraphError(init);
}

const CREDENTIAL_ERROR_NAMES = new Set([
  'AuthenticationError',
  'AuthenticationRequiredError',
  'CredentialUnavailableError',
  'AggregateAuthenticationError',
]);

/**
 * Any thrown value as a GraphError: ours pass through; graph-client's GraphError, @azure/identity's
 * credential errors, fetch failures and aborts are mapped to the closest typed error.
 */
export function toGraphError(error: unknown, context: { method?: string; path?: string } = {}): GraphError {
  if (error instanceof GraphError) return error;
  const base = { method: context.method, path: context.path, cause: error };
  if (!(error instanceof Error) && !isRecord(error)) {
    return new GraphError({ ...base, status: 0, code: 'unknownError', message: String(error) });
  }
  const name = stringField(error, 'name') ?? '';
  const code = stringField(error, 'code') ?? '';
  const message = stringField(error, 'message') ?? 'Unknown error';
  if (name === 'AbortError' || code === 'AbortError') {
    return new GraphError({ ...base, status: 0, code: 'aborted', message: 'The request was cancelled.' });
  }
  if (CREDENTIAL_ERROR_NAMES.has(name) || CREDENTIAL_ERROR_NAMES.has(code)) {
    return new UnauthorizedError({
      ...base,
      status: 0,
      code: 'credentialError',
      message: `Could not obtain a Graph access token: ${message}`,
    });
  }
  const statusCode = numberField(error, 'statusCode') ?? numberField(error, 'status');
  if (statusCode !== undefined && statusCode > 0) {
    return graphErrorForStatus({
      ...base,
      status: statusCode,
      code: code === '' ? 'unknownError' : code,
      message,
      requestId: stringField(error, 'requestId'),
    });
  }
  if (name === 'TypeError' && /fetch failed/i.test(message)) {
    return new TransientError({ ...base, status: 0, code: 'networkError', message: networkMessage(error) });
  }
  return new GraphError({ ...base, status: 0, code: code === '' ? 'unknownError' : code, message });
}

/** "fetch failed" says nothing; the cause (ECONNRESET, "other side closed", a TLS error) does. */
export function networkMessage(error: unknown): string {
  const cause = isRecord(error) ? error.cause : undefined;
  const detail = isRecord(cause) ? (stringField(cause, 'code') ?? stringField(cause, 'message')) : undefined;
  return detail === undefined
    ? 'The connection to Microsoft Graph failed.'
    : `The connection to Microsoft Graph failed (${detail}).`;
}

const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];
const SECRET_FIELD = /\b(client_secret|client_assertion|access_token|refresh_token|password)=[^&\s]+/gi;

/** Belt and braces: whatever an underlying library put in a message, a token or secret never leaves. */
export function redactSecrets(text: string): string {
  let result = text.replace(SECRET_FIELD, (_match, key: string) => `${key}=[redacted]`);
  for (const pattern of TOKEN_PATTERNS) result = result.replace(pattern, '[redacted]');
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

function numberField(value: unknown, key: string): number | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'number' ? field : undefined;
}
