// The image's health check: `healthcheck.mjs [port]` (3000 by default). The servers have no health
// endpoint of their own, so this opens a real MCP session on the loopback address, with the first
// bearer token of M365_MCP_HTTP_TOKEN, and closes it again: healthy means the HTTP server answers,
// the token is accepted and a session can be opened (not shutting down, not at the session limit).
// Exit 0 when healthy, 1 with the reason otherwise. No secret is printed.
const port = Number(process.argv[2] ?? '3000');
const token = (process.env.M365_MCP_HTTP_TOKEN ?? '').split(/\s+/).find((t) => t.length > 0);
const url = `http://127.0.0.1:${port}/mcp`;
const headers = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
};

function unhealthy(reason) {
  process.stdout.write(`unhealthy: ${reason}\n`);
  process.exit(1);
}

let answer;
try {
  answer = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'container-healthcheck', version: '1.0.0' },
      },
    }),
  });
} catch (error) {
  unhealthy(`no answer from ${url} (${error.cause?.code ?? error.message})`);
}
const sessionId = answer.headers.get('mcp-session-id');
await answer.body?.cancel();
if (answer.status !== 200 || !sessionId) unhealthy(`initialize answered HTTP ${answer.status}`);
// Closed at once, so checks never pile up sessions against the server's limit.
const closed = await fetch(url, {
  method: 'DELETE',
  headers: { ...headers, 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-06-18' },
}).catch(() => undefined);
await closed?.body?.cancel();
process.stdout.write('healthy\n');
