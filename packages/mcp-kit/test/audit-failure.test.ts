import { cloudProfile, createGraphClient } from '@m365-mcp/graph-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { expect, it } from 'vitest';
import { createServer } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { sampleServer } from './sample-server.js';

it('withholds the answer when its audit line cannot be written', async () => {
  // count_slowly makes no Graph call, so this client is never used.
  const graph = createGraphClient({
    credential: { getToken: async () => null },
    cloud: cloudProfile('global'),
  });
  const logs: string[] = [];
  const server = createServer(sampleServer, {
    graph,
    auditLog: {
      append: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    },
    config: {
      auditLogPath: '/unused',
      breakGlassAccounts: [],
      allowWrites: false,
      demo: false,
      settings: {},
    },
    allowWrites: false,
    stderr: (line) => void logs.push(line),
  });
  const client = new Client({ name: 'audit-failure', version: '0.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  try {
    const result = await callTool(client, 'count_slowly', { n: 1 });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result.text).toMatch(/audit log could not be written .*so this result is withheld/);
    expect(logs.join('')).toMatch(/ENOSPC/);
  } finally {
    await client.close();
    await server.close();
    await graph.close();
  }
});
