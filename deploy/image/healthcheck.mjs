// The image's health check: `healthcheck.mjs [port]` (3000 by default) asks the server's
// `/healthz` on the loopback address. It needs no token (static or Entra): the endpoint says only
// whether the server is up, and answers 503 once it is shutting down.
// Exit 0 when healthy, 1 with the reason otherwise.
const port = Number(process.argv[2] ?? '3000');
const url = `http://127.0.0.1:${port}/healthz`;

function unhealthy(reason) {
  process.stdout.write(`unhealthy: ${reason}\n`);
  process.exit(1);
}

let answer;
try {
  answer = await fetch(url, { signal: AbortSignal.timeout(5000) });
} catch (error) {
  unhealthy(`no answer from ${url} (${error.cause?.code ?? error.message})`);
}
const body = await answer.text();
if (answer.status !== 200) unhealthy(`${url} answered HTTP ${answer.status} ${body}`);
process.stdout.write('healthy\n');
