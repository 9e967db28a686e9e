// The one interface servers code against. graph-client v3 sits behind it, so a later move to the
// Kiota SDK or plain fetch changes this package only.
import type { ZodType } from 'zod';
import type { DownloadedContent, DownloadOptions } from './download.js';
import type { GraphError } from './errors.js';
import type { GraphVersion, QueryParams } from './request-target.js';
import type { HttpMethod } from './transport.js';

export interface RequestOptions {
  version?: GraphVersion;
  /** Query parameters, each value percent-encoded; `$filter` only from the `f` builder. */
  query?: QueryParams;
  /** Sent with the request (and with every page of a list), e.g. `ConsistencyLevel: eventual`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ReadOptions<T> extends RequestOptions {
  /** Validates the body (get) or each item (list, pages, delta); a mismatch is a GraphError. */
  schema?: ZodType<T>;
}

export interface ListOptions<T> extends ReadOptions<T> {
  /** Stop once this many items are collected. Use with `pageSize` ≤ it so no page is cut. */
  maxItems?: number;
  /** Stop after this many pages. */
  maxPages?: number;
  /** Sent as `$top` on the first request (the nextLink carries it on). */
  pageSize?: number;
}

export type StopReason = 'maxItems' | 'maxPages' | 'loop';

export interface Page<T> {
  items: T[];
  /** 0 for the first page. */
  index: number;
  /** Where the next page is; hand it back to `pages`/`list` to resume. */
  nextLink?: string;
  deltaLink?: string;
  /** `@odata.count`, which Graph sends on the first page only. */
  count?: number;
}

export interface PagesSummary {
  /** True when the collection was read to its end. */
  complete: boolean;
  stoppedBecause?: StopReason;
  /** Where to resume, when not complete. */
  nextLink?: string;
  pages: number;
}

export interface ListResult<T> extends PagesSummary {
  items: T[];
  count?: number;
}

export interface DeltaResult<T> extends PagesSummary {
  items: T[];
  /** The link for the next round of changes; present only when the round completed. */
  deltaLink?: string;
}

export interface BatchRequest {
  /** Unique within the call; results are correlated by it. */
  id: string;
  method: HttpMethod;
  /** Relative to the version: `/users/{id}?$select=id` (an absolute URL on the Graph host is accepted). */
  url: string;
  query?: QueryParams;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of requests this one must follow; they travel in the same $batch. */
  dependsOn?: string[];
}

export interface BatchResult {
  id: string;
  status: number;
  body: unknown;
  /** Sub-response headers, lower-case names. */
  headers: Record<string, string>;
  /** Present when `status` is not 2xx (after retries of 429/503/504). */
  error?: GraphError;
  /** How many times the sub-request was sent. */
  attempts: number;
}

export interface BatchOptions {
  version?: GraphVersion;
  signal?: AbortSignal;
}

export interface GraphClient {
  /** The Graph base URL this client talks to (no version). */
  readonly baseUrl: string;
  get<T = unknown>(path: string, options?: ReadOptions<T>): Promise<T>;
  /** Every item of a collection, following `@odata.nextLink` to the end or the caps, with a loop guard. */
  list<T = unknown>(path: string, options?: ListOptions<T>): Promise<ListResult<T>>;
  /** The pages of a collection one at a time; the generator returns the summary. */
  pages<T = unknown>(
    path: string,
    options?: ListOptions<T>,
  ): AsyncGenerator<Page<T>, PagesSummary, undefined>;
  /** A delta round: follows nextLinks to the deltaLink. Pass a previous deltaLink as `path` for changes. */
  delta<T = unknown>(path: string, options?: ListOptions<T>): Promise<DeltaResult<T>>;
  post<T = unknown>(path: string, body?: unknown, options?: ReadOptions<T>): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, options?: ReadOptions<T>): Promise<T>;
  put<T = unknown>(path: string, body?: unknown, options?: ReadOptions<T>): Promise<T>;
  delete(path: string, options?: RequestOptions): Promise<void>;
  /** JSON batching: chunks of 20 through `/$batch`, only failed (429/503/504) sub-requests retried. */
  batch(requests: readonly BatchRequest[], options?: BatchOptions): Promise<BatchResult[]>;
  /**
   * Reads (at most maxBytes of) a pre-authenticated download URL: the Location of Graph's 302 for file
   * content. Sends no Authorization; refuses anything but https on the cloud's SharePoint/OneDrive
   * download hosts or the Graph host; retries 429/503 within the scheduler's budget.
   */
  downloadPreauthenticated(url: string, options: DownloadOptions): Promise<DownloadedContent>;
  /** Closes the client's connections. */
  close(): Promise<void>;
}
