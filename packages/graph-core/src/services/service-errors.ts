// An admin API's error answer as the typed error for its status (errors.ts), with the service's own
// code and words and its request id. Each service words errors its own way: OData's
// `{error:{code,message}}` (Exchange Online, Security & Compliance, Teams), SharePoint's
// `{"odata.error":{code,message:{value}}}`, Fabric's `{errorCode,message,requestId}`.
import { defaultErrorCode, truncateMessage } from '../error-wording.js';
import { type GraphError, graphErrorForStatus, ThrottledError } from '../errors.js';

/** Headers the services put their request id in, most specific first. */
const REQUEST_ID_HEADERS = [
  'request-id',
  'x-ms-request-id',
  'requestid',
  'sprequestguid',
  'x-ms-correlation-id',
];

export function requestIdOf(headers: { get(name: string): string | null }): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export interface ServiceErrorInput {
  /** e.g. `Exchange Online` */
  serviceName: string;
  /** What was asked, e.g. `Get-OrganizationConfig` or `GET /v1/admin/tenantsettings`. */
  what: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
  requestId: string | undefined;
  retryAfterMs: number | undefined;
}

export function serviceErrorFromResponse(input: ServiceErrorInput): GraphError {
  const said = spokenError(input.body);
  const code = said.code ?? defaultErrorCode(input.status);
  const serviceMessage = truncateMessage(said.message ?? '');
  const requestId = input.requestId ?? said.requestId;
  const base = {
    status: input.status,
    code,
    requestId,
    method: input.method,
    path: input.path,
    ...(serviceMessage === '' ? {} : { graphMessage: serviceMessage }),
  };
  const prefix = `${input.serviceName}: ${input.what} failed with ${input.status} ${code}`;
  const detail = serviceMessage === '' ? '' : `: ${serviceMessage}`;
  if (input.status === 429 || input.status === 503) {
    const seconds = input.retryAfterMs === undefined ? undefined : input.retryAfterMs / 1000;
    const wait = seconds === undefined ? '' : ` The service asked to wait ${seconds} s.`;
    return new ThrottledError({
      ...base,
      message: `${prefix}${detail}; still throttled after the retry budget was spent.${wait}`,
      retryAfterSeconds: seconds,
    });
  }
  return graphErrorForStatus({ ...base, message: `${prefix}${detail}` });
}

interface Spoken {
  code?: string;
  message?: string;
  requestId?: string;
}

function spokenError(body: unknown): Spoken {
  if (!isRecord(body)) return {};
  const odata = body.error ?? body['odata.error'];
  if (isRecord(odata)) {
    const message = odata.message;
    const inner = isRecord(odata.innerError)
      ? odata.innerError
      : isRecord(odata.innererror)
        ? odata.innererror
        : {};
    return compact({
      code: text(odata.code),
      message: text(message) ?? (isRecord(message) ? text(message.value) : undefined),
      requestId: text(inner['request-id']) ?? text(inner.requestId),
    });
  }
  return compact({
    code: text(body.errorCode) ?? text(body.code),
    message: text(body.message) ?? text(body.Message),
    requestId: text(body.requestId),
  });
}

function compact(spoken: Spoken): Spoken {
  return Object.fromEntries(Object.entries(spoken).filter(([, value]) => value !== undefined)) as Spoken;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
