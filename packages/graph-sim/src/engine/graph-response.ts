// What the Graph side sends back: Graph's standard headers and its error envelope. Shared by plain
// requests and $batch sub-requests, so both look exactly like Graph's.
import { randomUUID } from 'node:crypto';

export const GRAPH_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A response before it is written: to a socket, or into a $batch body. */
export interface GraphResponse {
  status: number;
  /** Header names as Graph spells them. */
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  /** Destroy the connection instead of answering (a scripted dropped connection). */
  drop?: boolean;
}

/** Bytes of a response body as sent (0 for none or a dropped connection). */
export function responseBytes(response: Pick<GraphResponse, 'body' | 'drop'>): number {
  if (response.drop || response.body === undefined) return 0;
  return typeof response.body === 'string' ? Buffer.byteLength(response.body) : response.body.length;
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** A client-request-id is echoed only when it looks like one, so a hostile header is not reflected. */
export function requestIds(clientRequestId: string | undefined): RequestIds {
  const echo = clientRequestId && /^[A-Za-z0-9-]{1,64}$/.test(clientRequestId) ? clientRequestId : undefined;
  return { requestId: randomUUID(), clientRequestId: echo ?? randomUUID() };
}

export function graphHeaders(ids: RequestIds): Record<string, string> {
  return {
    'Cache-Control': 'no-store, no-cache',
    'Content-Type': GRAPH_JSON_CONTENT_TYPE,
    'OData-Version': '4.0',
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: {
        DataCenter: 'Local Simulator',
        Slice: 'E',
        Ring: '5',
        ScaleUnit: '000',
        RoleInstance: 'GRAPH-SIM',
      },
    }),
    'Strict-Transport-Security': 'max-age=31536000',
    Date: new Date().toUTCString(),
  };
}

/** Graph's `innerError.date` has no fraction and no zone designator. */
function graphDate(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, '');
}

export function errorResponse(
  ids: RequestIds,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): GraphResponse {
  const body = {
    error: {
      code,
      message,
      innerError: {
        date: graphDate(),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
  return {
    status,
    headers: { ...graphHeaders(ids), ...extraHeaders },
    body: JSON.stringify(body),
  };
}

export function jsonResponse(
  ids: RequestIds,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): GraphResponse {
  return { status, headers: { ...graphHeaders(ids), ...extraHeaders }, body: JSON.stringify(body) };
}
