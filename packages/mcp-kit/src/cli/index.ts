// @m365-mcp/mcp-kit/cli: a server's command line, what its bin runs. Only the command line: the
// bin's start loads this and the server's card, nothing else (see run-server-cli.ts).

export type { LazyServer, ServerCard, ServerSource } from '../server/server-card.js';
export { readPackageVersion } from './package-version.js';
export { type RunServerCliOptions, runServerCli } from './run-server-cli.js';
