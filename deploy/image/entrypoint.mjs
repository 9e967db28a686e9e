// The image's entrypoint: `<server> [arguments]`, e.g. `m365-security --allowed-host mcp.example.com`.
// It runs the chosen server in this process (so SIGTERM reaches the server itself, which shuts down
// gracefully), serving Streamable HTTP on 0.0.0.0:3000 unless told otherwise. A first argument that
// is a word, not an option (`check`, `permissions`, `worker`, `enqueue`, `monitor`), is a subcommand
// and passes through unchanged. Plain JavaScript with no dependency: the image has no shell and no
// build step of its own.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const serversDir = new URL('./servers/', import.meta.url);
const servers = readdirSync(serversDir).sort();

/** The server's arguments: the HTTP transport on every interface by default, the caller's flags kept. */
function serverArguments(rest) {
  if (rest.length > 0 && !rest[0].startsWith('-')) return rest;
  if (rest.some((arg) => arg === '--help' || arg === '-h' || arg === '--version' || arg === '-V'))
    return rest;
  const has = (flag) => rest.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  return [
    ...(has('--http') ? [] : ['--http']),
    // Inside a container the published port arrives on the container's interface, not loopback.
    ...(has('--host') ? [] : ['--host', '0.0.0.0']),
    ...rest,
  ];
}

function usage() {
  return `usage: <image> <server> [arguments]
  server: ${servers.join(', ')}
  Serves MCP over Streamable HTTP on 0.0.0.0:3000 (--port, --allowed-host <name> as usual);
  the bearer token comes from M365_MCP_HTTP_TOKEN. A subcommand (check, permissions, ...) runs as given.
`;
}

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h') {
  process.stderr.write(usage());
  process.exit(name === undefined ? 64 : 0);
}
if (!servers.includes(name)) {
  process.stderr.write(`unknown server "${name}": this image runs ${servers.join(', ')}\n\n${usage()}`);
  process.exit(64);
}
const bin = fileURLToPath(new URL(`./${name}/bin/${name}.js`, serversDir));
if (!existsSync(bin)) {
  process.stderr.write(`the image is incomplete: ${bin} is missing\n`);
  process.exit(70);
}
// The server reads its command line from process.argv, as if started as `node <bin> ...`.
process.argv = [process.argv[0], bin, ...serverArguments(rest)];
await import(bin);
