// The SDK v2 serves MCP as a web-standard `fetch(Request) => Response`; our HTTP server is Node's.
// These two functions cross between them without another dependency (@modelcontextprotocol/node
// would bring @hono/node-server for the same few lines).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Node request as a web Request, with the body we have already read and checked. */
export function toWebRequest(req: IncomingMessage, url: URL, body: unknown, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // The body was read (and its length checked) already; it goes on as the JSON it was.
  headers.delete('content-length');
  const method = req.method ?? 'GET';
  const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    ...(withBody ? { body: JSON.stringify(body) } : {}),
    signal,
  });
}

/** The handle of one response being written: `finish` ends it early with a last SSE event. */
export interface PipedResponse {
  /** Resolves when the response is complete or the client went away. */
  readonly done: Promise<void>;
  /** Whether the body is an SSE stream (so a last event can still be written into it). */
  readonly streaming: boolean;
  /** Ends the response now, after writing `lastEvent` (an SSE `data:` payload) if it streams. */
  finish(lastEvent?: string): void;
}

/** Writes a web Response to the Node response, streaming its body as it comes. */
export function pipeWebResponse(response: Response, res: ServerResponse): PipedResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  const streaming = (response.headers.get('content-type') ?? '').includes('text/event-stream');
  const body = response.body;
  if (body === null) {
    res.end();
    return { done: Promise.resolve(), streaming: false, finish: () => undefined };
  }
  const reader = body.getReader();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    void reader.cancel().catch(() => undefined);
    res.end();
  };
  res.once('close', end);
  const done = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done || ended) break;
        res.write(chunk.value);
      }
    } catch {
      // The SDK ended the stream or the client went away: nothing more to send.
    }
    end();
  })();
  return {
    done,
    streaming,
    finish(lastEvent) {
      if (ended) return;
      if (lastEvent !== undefined && streaming) res.write(`event: message\ndata: ${lastEvent}\n\n`);
      end();
    },
  };
}
