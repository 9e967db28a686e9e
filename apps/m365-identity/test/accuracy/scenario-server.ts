// One identity server (a real MCP client, graph-sim over HTTPS) per scenario file; each call runs
// against the tenant it is given, swapped in whole, so a failing and a fixed variant share it.
import type { Tenant } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import { identityServer } from '../../src/index.js';
import { callTool, findingsOf, type ToolCallOutcome } from '../support.js';
import { breakGlass } from './tenant-builder.js';

export type RunTool = (
  tenant: Tenant,
  tool: string,
  args?: Record<string, unknown>,
) => Promise<ToolCallOutcome>;

export function scenarioServer(): RunTool {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(identityServer, { config: { breakGlassAccounts: breakGlass } });
  }, 60_000);
  afterAll(() => server.close());
  return async (tenant, tool, args = {}) => {
    Object.assign(server.sim.tenant, tenant);
    const result = await callTool(server.client, tool, args);
    expect(result.isError, result.text).toBeFalsy();
    return result;
  };
}

/** The failing or warning findings with this id. */
export function problemsWith(result: ToolCallOutcome, id: string) {
  return findingsOf(result).filter((f) => f.id === id && (f.status === 'fail' || f.status === 'warning'));
}

/** The finding with this id (the first, for per-tenant checks). */
export function findingWith(result: ToolCallOutcome, id: string) {
  return findingsOf(result).find((f) => f.id === id);
}
