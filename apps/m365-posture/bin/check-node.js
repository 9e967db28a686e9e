// The Node check of the committed launchers. Every app ships an identical copy in its bin/ (a test
// keeps them identical): it must run on ANY Node, so it is plain JavaScript with no dependency.
//
// Refusing an old Node only on stderr leaves an MCP client showing "Connection closed": the
// client never reads stderr. So an MCP server also answers the client's first request (its
// `initialize`) with a JSON-RPC error carrying the same sentence, which the client does show.

const REQUIRED = { major: 22, minor: 12 };

// Command lines that are not an MCP server on stdio: nothing will send a request to answer.
const NOT_STDIO_SERVER = new Set([
  '--help',
  '-h',
  'help',
  '--version',
  '-V',
  '--http',
  'permissions',
  'check',
  'monitor',
]);

// A client's request is one short line; a longer one is not a client, and is not read further.
const MAX_LINE = 1024 * 1024;

/**
 * Returns when this Node can run `name`. Otherwise says why on stderr (and, for an MCP server on
 * stdio, to the client as an error answer to its first request) and exits with code 1.
 */
export async function requireSupportedNode(name, options = {}) {
  const message = refusal(name, process.versions.node, process.version, process.execPath);
  if (message === undefined) return;
  process.stderr.write(`${message}\n`);
  const args = process.argv.slice(2);
  if (options.mcpServer && !process.stdin.isTTY && !args.some((arg) => NOT_STDIO_SERVER.has(arg))) {
    const id = requestId(await firstLine(process.stdin));
    if (id !== undefined) {
      const answer = { jsonrpc: '2.0', id, error: { code: -32603, message } };
      await new Promise((resolve) => {
        process.stdout.on('error', resolve);
        process.stdout.write(`${JSON.stringify(answer)}\n`, resolve);
      });
    }
  }
  process.exit(1);
}

function refusal(name, versionNumber, version, execPath) {
  const [major, minor] = versionNumber.split('.').map(Number);
  if (major > REQUIRED.major || (major === REQUIRED.major && minor >= REQUIRED.minor)) return undefined;
  return (
    `${name} needs Node.js ${REQUIRED.major}.${REQUIRED.minor} or later; this is ${version} (${execPath}). ` +
    'Install it from https://nodejs.org and make it the node your MCP client starts (or give the client ' +
    'its full path as the command).'
  );
}

// The first line on stdin (without its line break), or what came before the end of input.
function firstLine(stream) {
  return new Promise((resolve) => {
    let text = '';
    const done = () => {
      stream.removeListener('data', onData);
      stream.pause();
      resolve(text.split('\n')[0]);
    };
    const onData = (chunk) => {
      text += chunk;
      if (text.includes('\n') || text.length > MAX_LINE) done();
    };
    stream.setEncoding('utf8');
    stream.on('data', onData);
    stream.on('end', done);
    stream.on('error', done);
  });
}

// The id of a JSON-RPC request (a notification has none and gets no answer).
function requestId(line) {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (message === null || typeof message !== 'object' || typeof message.method !== 'string') return undefined;
  return typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
}
