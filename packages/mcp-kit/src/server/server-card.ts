import type { PermissionManifest } from '@m365-mcp/auth';
import type { ServerDefinition } from './server-definition.js';

/**
 * What the command line shows without starting the server: `--help`, `--version` and `permissions`
 * need only this, so a server's bin can answer them without loading its tools, the MCP SDK or zod.
 */
export interface ServerCard {
  /** Package and bin name, e.g. `m365-security`. */
  name: string;
  title: string;
  version: string;
  permissions: PermissionManifest;
}

/** A server whose tools are loaded only when it serves or checks: its card now, the rest on demand. */
export interface LazyServer extends ServerCard {
  load(): Promise<ServerDefinition>;
}

/** What `runServerCli` takes: a whole definition (tests, in-process use) or a card with a loader (bins). */
export type ServerSource = ServerDefinition | LazyServer;

export function loadServerDefinition(source: ServerSource): Promise<ServerDefinition> {
  return 'load' in source ? source.load() : Promise.resolve(source);
}
