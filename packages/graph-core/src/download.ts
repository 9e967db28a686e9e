// Reads a pre-authenticated download URL: the Location of Graph's `302 Found` for file content
// (learn.microsoft.com/graph/api/driveitem-get-content), the same URL as an item's
// `@microsoft.graph.downloadUrl`. The URL carries its own short-lived credential (SharePoint's
// tempauth), so no Authorization header is sent: the Graph token must never travel to another host.
// For the same reason only https URLs on the cloud's SharePoint/OneDrive download hosts (or on the
// configured Graph host itself: a simulator) are fetched, redirects are followed on the same origin
// only, and the URL's query (the credential) never appears in an error. The read stops at maxBytes
// whatever the server sends: SharePoint may ignore a Range and answer 200 with the whole file.
import type { fetch as undiciFetch } from 'undici';
import { type CloudProfile, fileDownloadHostSuffixes } from './cloud.js';
import {
  BadRequestError,
  GraphError,
  graphErrorForStatus,
  networkMessage,
  TransientError,
} from './errors.js';
import { type LazyAgent, loadUndici } from './lazy-undici.js';
import { UntrustedLinkError } from './request-target.js';
import { parseRetryAfter, RETRYABLE_STATUSES } from './retry-policy.js';
import type { Scheduler } from './scheduler.js';
import { combineSignals } from './signals.js';
import { type GraphResponseInfo, recordRequestId } from './tracking.js';

export interface DownloadOptions {
  /** Bytes wanted, inclusive, sent as `Range: bytes=start-end` (no `end`: to the end of the file). */
  range?: { start: number; end?: number };
  /** Reading stops after this many bytes, even when the server sends more. */
  maxBytes: number;
  signal?: AbortSignal;
}

export interface DownloadedContent {
  /** 206: the range asked for; 200: the file from its first byte (no range asked, or it was ignored). */
  status: 200 | 206;
  /** At most maxBytes. */
  bytes: Uint8Array;
  /** Where `bytes` starts in the file. */
  offset: number;
  /** The file's size, when the server said (Content-Range, or a 200's Content-Length). */
  totalBytes: number | undefined;
  /** More bytes were coming when maxBytes stopped the read. */
  truncated: boolean;
  contentType: string | undefined;
}

export interface DownloadContext {
  /** The client's Agent (TLS trust, keep-alive); undici loads with it on the first request. */
  agent: LazyAgent;
  cloud: CloudProfile;
  scheduler: Scheduler;
  clientSignal: AbortSignal | undefined;
  /** Per attempt, body included. */
  timeoutMs: number;
  onResponse: ((info: GraphResponseInfo) => void) | undefined;
}

/** Same-origin redirects followed at most (a download host may bounce between its own paths). */
const MAX_REDIRECTS = 3;

/** The URL, if it may be fetched without a token: https, no credentials, an allowed host. */
export function checkDownloadUrl(rawUrl: string, cloud: CloudProfile): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UntrustedLinkError('Refused a download URL that is not a valid URL.');
  }
  if (url.protocol !== 'https:') {
    throw new UntrustedLinkError(`Refused a download URL over ${url.protocol} (only https is used).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UntrustedLinkError('Refused a download URL with credentials in it.');
  }
  const graphHost = new URL(cloud.graphBaseUrl).host;
  const onDownloadHost =
    url.port === '' &&
    fileDownloadHostSuffixes(cloud).some((suffix) => url.hostname.endsWith(`.${suffix.toLowerCase()}`));
  if (!onDownloadHost && url.host !== graphHost) {
    throw new UntrustedLinkError(
      `Refused a download URL on ${url.host}: only ${describeHosts(cloud)} serve file downloads in this cloud.`,
    );
  }
  return url;
}

function describeHosts(cloud: CloudProfile): string {
  return [...fileDownloadHostSuffixes(cloud).map((suffix) => `*.${suffix}`), new URL(cloud.graphBaseUrl).host]
    .join(', ')
    .replace(/, ([^,]+)$/, ' and $1');
}

export async function downloadPreauthenticated(
  context: DownloadContext,
  rawUrl: string,
  options: DownloadOptions,
): Promise<DownloadedContent> {
  checkOptions(options);
  let url = checkDownloadUrl(rawUrl, context.cloud);
  const { scheduler } = context;
  const { clock, budget } = scheduler;
  const signal = combineSignals(context.clientSignal, options.signal);
  const headers: Record<string, string> = {};
  if (options.range !== undefined) {
    headers.Range = `bytes=${options.range.start}-${options.range.end ?? ''}`;
  }
  const [{ fetch }, dispatcher] = await Promise.all([loadUndici(), context.agent.dispatcher()]);
  let waitedMs = 0;
  let redirects = 0;
  for (let attempt = 0; ; attempt += 1) {
    const release = await scheduler.acquire('sharepoint', signal);
    const startedAt = clock.now();
    const attemptSignal = combineSignals(signal, AbortSignal.timeout(context.timeoutMs)) as AbortSignal;
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await fetch(url, {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal: attemptSignal,
        dispatcher,
      });
    } catch (error) {
      release();
      if (signal?.aborted) throw signal.reason;
      const waitMs = scheduler.backoff(attempt);
      const failure = new TransientError({
        status: 0,
        code: attemptSignal.aborted ? 'timeout' : 'networkError',
        message: `GET ${where(url)}: ${attemptSignal.aborted ? 'no answer in time' : networkMessage(error)}.`,
        method: 'GET',
        path: url.pathname,
        cause: error,
      });
      if (attempt >= budget.maxRetries || waitedMs + waitMs > budget.maxTotalWaitMs) throw failure;
      waitedMs += waitMs;
      await clock.sleep(waitMs, signal);
      continue;
    }
    const requestId =
      response.headers.get('request-id') ?? response.headers.get('sprequestguid') ?? undefined;
    recordRequestId(requestId);
    context.onResponse?.({
      method: 'GET',
      path: url.pathname,
      status: response.status,
      requestId,
      durationMs: clock.now() - startedAt,
      workload: 'sharepoint',
      attempt,
    });

    if (response.status === 200 || response.status === 206) {
      try {
        return await readPrefix(response, options.maxBytes);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw new TransientError({
          status: response.status,
          code: 'networkError',
          message: `GET ${where(url)}: the download broke off (${networkMessage(error)}).`,
          method: 'GET',
          path: url.pathname,
          requestId,
          cause: error,
        });
      } finally {
        release();
      }
    }
    await discard(response);
    release();

    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      const next = location === null ? undefined : URL.parse(location, url.href);
      if (next === undefined || next === null || next.origin !== url.origin || next.protocol !== 'https:') {
        throw new UntrustedLinkError(
          `GET ${where(url)} redirected ${next ? `to ${next.host}` : 'without a usable Location'}; ` +
            'only redirects on the same host are followed.',
        );
      }
      redirects += 1;
      if (redirects > MAX_REDIRECTS) {
        throw new GraphError({
          status: response.status,
          code: 'tooManyRedirects',
          message: `GET ${where(url)}: more than ${MAX_REDIRECTS} redirects.`,
          method: 'GET',
          path: url.pathname,
          requestId,
        });
      }
      url = next;
      attempt -= 1; // a redirect is not a retry
      continue;
    }

    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
    if (RETRYABLE_STATUSES.has(response.status)) {
      const waitMs = retryAfterMs ?? scheduler.backoff(attempt);
      // SharePoint throttles the tenant, not this one download: hold back the workload's other requests.
      if (response.status === 429 || response.status === 503) scheduler.pause('sharepoint', waitMs);
      if (attempt < budget.maxRetries && waitedMs + waitMs <= budget.maxTotalWaitMs) {
        waitedMs += waitMs;
        await clock.sleep(waitMs, signal);
        continue;
      }
    }
    throw errorFor(response.status, url, requestId, retryAfterMs, response.headers.get('content-range'));
  }
}

function checkOptions(options: DownloadOptions): void {
  const invalid = (message: string) =>
    new BadRequestError({ status: 0, code: 'invalidDownloadRequest', message, method: 'GET' });
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 1) {
    throw invalid('maxBytes must be a positive whole number.');
  }
  const { range } = options;
  if (range === undefined) return;
  if (!Number.isSafeInteger(range.start) || range.start < 0) {
    throw invalid('range.start must be a whole number of bytes, 0 or more.');
  }
  if (range.end !== undefined && (!Number.isSafeInteger(range.end) || range.end < range.start)) {
    throw invalid('range.end must be a whole number of bytes, not before range.start.');
  }
}

type FetchResponse = Awaited<ReturnType<typeof undiciFetch>>;

/** Reads at most maxBytes of the body, then drops the rest of it (and its connection, if need be). */
async function readPrefix(response: FetchResponse, maxBytes: number): Promise<DownloadedContent> {
  const contentRange = parseContentRange(response.headers.get('content-range'));
  const status = response.status === 206 ? 206 : 200;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const chunks: Uint8Array[] = [];
  let received = 0;
  let more = false;
  const reader = response.body?.getReader();
  if (reader !== undefined) {
    while (received < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - received;
      if (value.length > room) more = true;
      const kept = value.length > room ? value.subarray(0, room) : value;
      chunks.push(kept);
      received += kept.length;
    }
    if (received >= maxBytes && !more) more = Number.isFinite(length) ? received < length : true;
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const totalBytes = status === 206 ? contentRange?.total : Number.isFinite(length) ? length : undefined;
  return {
    status,
    bytes,
    offset: status === 206 ? (contentRange?.start ?? 0) : 0,
    totalBytes,
    truncated: more,
    contentType: response.headers.get('content-type') ?? undefined,
  };
}

/** `bytes a-b/total` (total may be `*`). */
function parseContentRange(value: string | null): { start: number; total: number | undefined } | undefined {
  const match = value === null ? null : /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(value.trim());
  if (match === null) return undefined;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

function errorFor(
  status: number,
  url: URL,
  requestId: string | undefined,
  retryAfterMs: number | undefined,
  contentRange: string | null,
): GraphError {
  const init = { status, method: 'GET', path: url.pathname, requestId };
  if (status === 416) {
    const size = /\/(\d+)$/.exec(contentRange ?? '')?.[1];
    return new GraphError({
      ...init,
      code: 'rangeNotSatisfiable',
      message: `GET ${where(url)}: the range starts past the end of the file${size === undefined ? '' : ` (${size} bytes)`}.`,
    });
  }
  if (status === 401 || status === 403) {
    return graphErrorForStatus({
      ...init,
      code: 'downloadUrlRefused',
      message: `GET ${where(url)}: the download URL was refused (HTTP ${status}); it has expired or is not valid for this file, so ask Graph for a new one.`,
    });
  }
  return graphErrorForStatus({
    ...init,
    code: status === 404 ? 'itemNotFound' : status === 429 ? 'TooManyRequests' : `http${status}`,
    message: `GET ${where(url)}: HTTP ${status}.`,
    retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
  });
}

/** Host and path only: the query of a download URL is its credential. */
function where(url: URL): string {
  return `https://${url.host}${url.pathname}`;
}

async function discard(response: FetchResponse): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
