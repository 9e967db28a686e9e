// The protocol revisions the servers speak, proven with real clients of each: the SDK v2 Client
// pinned to 2026-07-28 (stateless: server/discover, no initialize, a _meta envelope per request),
// and the SDK v1 Client at 2025-11-25 and 2025-06-18 (initialize). Over Streamable HTTP (in-process
// server, real sockets) and over stdio (the built sample bin as a child process): list the tools,
// call a read tool, call a write tool through the gate (plan, then apply).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as ModernClient, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdio } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeResultSchema } from '../src/index.js';
import { callTool, pinProtocolVersion } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { buildSampleBin } from './build-sample-bin.js';
import { type SampleHttp, startSampleHttp } from './http-harness.js';

type AnyClient = ModernClient | LegacyClient;
const modernOptions = { versionNegotiation: { mode: { pin: '2026-07-28' } } } as const;

/** Lists, reads, plans a write and applies it; returns how the apply was confirmed. */
async function exercise(client: AnyClient, auditLogPath: string): Promise<unknown> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['list_users', 'disable_user']));
  const read = await callTool(client, 'list_users', { limit: 2 });
  expect(read.isError).toBeFalsy();
  expect(read.text).toMatch(/^2 of \d+ users/);
  const listed = read.structured.users as { id: string; accountEnabled?: boolean }[];
  const target = listed[1] ?? listed[0];
  if (!target) throw new Error('the demo tenant listed no users');
  const plan = writeResultSchema.parse(
    (await callTool(client, 'disable_user', { userId: target.id })).structuredContent,
  );
  expect(plan.status).toBe('planned');
  const applied = await callTool(client, 'disable_user', { planId: plan.planId });
  expect(applied.isError, applied.text).toBeFalsy();
  expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
  const lines = await readAudit(auditLogPath);
  expect(lines.map((line) => line.outcome)).toEqual(['ok', 'planned', 'applied']);
  return (lines[2]?.detail as { confirmedBy?: unknown } | undefined)?.confirmedBy;
}

describe('over Streamable HTTP', () => {
  let server: SampleHttp | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('2026-07-28 (SDK v2 client): stateless, the plan id is the confirmation', async () => {
    server = await startSampleHttp({ allowWrites: true });
    const client = new ModernClient({ name: 'modern', version: '0.0.0' }, modernOptions);
    const transport = new StreamableHTTPClientTransport(server.url, {
      requestInit: { headers: { Authorization: `Bearer ${server.token}` } },
    });
    await client.connect(transport);
    try {
      expect(client.getProtocolEra()).toBe('modern');
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(await exercise(client, server.auditLogPath)).toBe('plan-id');
    } finally {
      await client.close();
    }
  });

  for (const version of ['2025-11-25', '2025-06-18']) {
    it(`${version} (SDK v1 client): served by the stateless legacy fallback`, async () => {
      server = await startSampleHttp({ allowWrites: true });
      const { client } = await server.connect({ protocolVersion: version, capabilities: {} });
      expect(await exercise(client, server.auditLogPath)).toBe('plan-id');
    });
  }
});

describe('over stdio (the built bin)', () => {
  let dir: string;
  let bin: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-kit-eras-'));
    bin = await buildSampleBin(dir);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function params(name: string) {
    const auditLog = join(dir, `${name}.jsonl`);
    return {
      auditLog,
      spawn: {
        command: process.execPath,
        args: [bin, '--demo', '--allow-writes', '--audit-log', auditLog],
        env: { PATH: process.env.PATH ?? '', HOME: dir },
        stderr: 'ignore' as const,
      },
    };
  }

  it('2026-07-28 (SDK v2 client): the plan id is the confirmation (no server-to-client requests)', async () => {
    const { auditLog, spawn } = params('modern');
    const client = new ModernClient({ name: 'modern', version: '0.0.0' }, modernOptions);
    await client.connect(new ModernStdio(spawn));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(await exercise(client, auditLog)).toBe('plan-id');
    } finally {
      await client.close();
    }
  });

  for (const version of ['2025-11-25', '2025-06-18']) {
    it(`${version} (SDK v1 client): the user confirms by elicitation`, async () => {
      const { auditLog, spawn } = params(version);
      const client = new LegacyClient(
        { name: 'legacy', version: '0.0.0' },
        { capabilities: { elicitation: { form: {} } } },
      );
      const asked: string[] = [];
      client.setRequestHandler(ElicitRequestSchema, async (request) => {
        asked.push(request.params.message);
        return { action: 'accept', content: { confirm: true } };
      });
      const transport = pinProtocolVersion(new LegacyStdio(spawn), version);
      await client.connect(transport);
      try {
        expect(await exercise(client, auditLog)).toBe('elicitation');
        expect(asked).toHaveLength(1);
      } finally {
        await client.close();
      }
    });
  }
});
