// Whatever the credential kind, no secret reaches a tool result, a log line or the audit log: the
// sample server is driven through every kind of answer (success, 403, internal error, bad output,
// a write plan and its apply), and everything that came out is searched for the secrets.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '@m365-mcp/audit-log';
import { createClientCertificate, type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFromEnvironment } from '../src/cli/graph-from-environment.js';
import { createServer } from '../src/index.js';
import { sampleServer } from './sample-server.js';

const roles = ['User.Read.All', 'User.ReadWrite.All'];
const jwtShape = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

let sim: GraphSim;
let scratch: string;
beforeAll(async () => {
  sim = await startGraphSim();
  scratch = await mkdtemp(join(tmpdir(), 'mcp-kit-no-secrets-'));
});
afterAll(async () => {
  await sim.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Kind {
  name: string;
  /** A different user per kind: the simulator is shared and a disabled user cannot be planned again. */
  user: string;
  env(): Promise<{ env: Record<string, string>; secrets: string[] }>;
}

const base = () => ({
  AZURE_TENANT_ID: sim.tenantId,
  AZURE_AUTHORITY_HOST: sim.url,
  M365_GRAPH_URL: sim.url,
});

const kinds: Kind[] = [
  {
    name: 'client secret',
    user: 'GradyA@contoso.com',
    async env() {
      const app = sim.registerApp({ roles });
      const secret = app.secret as string;
      return {
        env: { ...base(), AZURE_CLIENT_ID: app.clientId, AZURE_CLIENT_SECRET: secret },
        secrets: [secret],
      };
    },
  },
  {
    name: 'certificate with a password',
    user: 'HenriettaM@contoso.com',
    async env() {
      const { certificatePem, privateKeyPem } = createClientCertificate();
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const encryptedKey = createPrivateKey(privateKeyPem)
        .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password })
        .toString();
      const app = sim.registerApp({ roles, certificatePem });
      const path = join(scratch, `${app.clientId}.pem`);
      await writeFile(path, `${encryptedKey}\n${certificatePem}`);
      const keyBody = (encryptedKey.split('\n')[1] ?? '').slice(0, 40);
      return {
        env: {
          ...base(),
          AZURE_CLIENT_ID: app.clientId,
          AZURE_CLIENT_CERTIFICATE_PATH: path,
          AZURE_CLIENT_CERTIFICATE_PASSWORD: password,
        },
        secrets: [password, keyBody],
      };
    },
  },
  {
    name: 'given access token',
    user: 'JohannaL@contoso.com',
    async env() {
      const app = sim.registerApp({ roles });
      const token = sim.issueToken({ clientId: app.clientId, roles });
      return { env: { ...base(), M365_ACCESS_TOKEN: token }, secrets: [token] };
    },
  },
];

describe.each(kinds)('no secret leaks with a $name', (kind) => {
  it('in results, logs or the audit log, whatever the call does', async () => {
    const { env, secrets } = await kind.env();
    const connection = await graphFromEnvironment(env, { ca: sim.ca });
    const auditLogPath = join(scratch, `${kind.name.replace(/\W+/g, '-')}.jsonl`);
    const auditLog = await openAuditLog(auditLogPath, { server: sampleServer.name });
    const logs: string[] = [];
    const server = createServer(sampleServer, {
      graph: connection.graph,
      auditLog,
      config: { auditLogPath, breakGlassAccounts: [], demo: true, settings: {}, allowWrites: true },
      allowWrites: true,
      caller: 'test-user',
      stderr: (line) => void logs.push(line),
    });
    const client = new Client(
      { name: 'no-secrets', version: '0.0.0' },
      { capabilities: { elicitation: { form: {} } } },
    );
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { confirm: true },
    }));
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
    const outputs: unknown[] = [];
    try {
      outputs.push(await client.callTool({ name: 'list_users', arguments: { limit: 3 } }));
      outputs.push(await client.callTool({ name: 'list_alerts', arguments: {} })); // 403: no role for it
      outputs.push(await client.callTool({ name: 'break_on_purpose', arguments: { how: 'throw' } }));
      outputs.push(await client.callTool({ name: 'break_on_purpose', arguments: { how: 'bad-output' } }));
      const plan = await client.callTool({
        name: 'disable_user',
        arguments: { userId: kind.user },
      });
      outputs.push(plan);
      const planId = (plan.structuredContent as { planId: string }).planId;
      outputs.push(await client.callTool({ name: 'disable_user', arguments: { planId } }));
    } finally {
      await client.close();
      await server.close();
      await auditLog.close();
      await connection.graph.close();
    }
    const everything = [JSON.stringify(outputs), logs.join('\n'), await readFile(auditLogPath, 'utf8')].join(
      '\n',
    );
    // The calls really ran (so the search covers real output), including the 403 and the apply.
    expect(everything).toContain('lacks SecurityAlert.Read.All');
    expect(everything).toContain('"applied"');
    for (const secret of secrets)
      expect(everything.includes(secret), `${kind.name} secret found`).toBe(false);
    expect(everything).not.toMatch(jwtShape);
  });
});
