// Errors the SDK answers by itself (an unknown prompt, a bad prompt argument) repeat what the client
// sent; they leave through the same cleaning as tool answers. Driven through a real MCP client.
import { cloudProfile, createGraphClient } from '@m365-mcp/graph-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/index.js';
import { sampleServer } from './sample-server.js';

const hostile = '\u202Eevil\u0007\u001b[31m\uD800\u200B';
const raw = /[\p{Cc}\p{Cf}\p{Cs}]/u;

let close: () => Promise<void> = async () => undefined;
afterEach(() => close());

async function connect(): Promise<Client> {
  // No tool runs, so neither Graph nor the audit log is reached.
  const graph = createGraphClient({
    credential: { getToken: async () => null },
    cloud: cloudProfile('global'),
  });
  const server = createServer(sampleServer, {
    graph,
    auditLog: { append: async () => undefined as never },
    config: {
      auditLogPath: '/dev/null',
      breakGlassAccounts: [],
      allowWrites: false,
      demo: false,
      settings: {},
    },
    allowWrites: false,
    caller: 'test-user',
    stderr: () => undefined,
  });
  const client = new Client({ name: 'outgoing-errors', version: '0.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  close = async () => {
    await client.close();
    await server.close();
    await graph.close();
  };
  return client;
}

async function errorOf(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the request succeeded');
}

describe('JSON-RPC errors the SDK answers', () => {
  it('show what the client sent with hidden characters made visible', async () => {
    const client = await connect();
    const message = await errorOf(client.getPrompt({ name: `review${hostile}` }));
    expect(message).toMatch(/not found/);
    expect(message).toContain('[U+202E]evil[U+0007][U+001B][31m[U+D800][U+200B]');
    expect(message).not.toMatch(raw);
  });

  it('leave a known prompt with ordinary arguments untouched', async () => {
    const client = await connect();
    const prompt = await client.getPrompt({ name: 'review_users', arguments: { focus: 'guests' } });
    expect(prompt.messages[0]?.content).toMatchObject({
      text: expect.stringContaining('focusing on guests'),
    });
  });
});
