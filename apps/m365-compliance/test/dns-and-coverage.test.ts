import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GraphSim, MICROSOFT_SPF, startGraphSim } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';

// The DNS controls beyond pass and fail (a failed lookup, a demo without DNS, one query per name),
// and the coverage a run states, through the real server, graph-sim and its DNS server.

interface Finding {
  id: string;
  status: string;
  reason?: string;
  evidence: Record<string, unknown>;
}
interface Coverage {
  evaluated: number;
  manual: number;
  skipped: number;
  error: number;
  bySection: Record<string, { evaluated: number; manual: number; skipped: number; error: number }>;
}

const DNS_CONTROLS = ['CIS.M365.2.1.8', 'CIS.M365.2.1.9', 'CIS.M365.2.1.10'];

async function call(server: TestServer, name: string, args: Record<string, unknown>) {
  const result = await server.client.callTool({ name, arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
  return { structured: result.structuredContent as Record<string, unknown>, text };
}

describe('with the simulator DNS server configured', () => {
  let sim: GraphSim;
  let server: TestServer;
  beforeAll(async () => {
    sim = await startGraphSim();
    const dir = await mkdtemp(join(tmpdir(), 'compliance-dns-'));
    server = await startTestServer(complianceServer, {
      sim,
      config: { settings: { databasePath: join(dir, 'runs.db'), dnsServers: [sim.dns.address] } },
    });
  });
  afterAll(async () => {
    await server.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.resetTenant();
  });

  it('reports an error, not a failure, when the only doubt is a failed lookup', async () => {
    sim.tenant.dns.txt['fabrikam-legacy.contoso.com']?.push(MICROSOFT_SPF);
    sim.tenant.dns.faults['contoso.com'] = 'servfail';
    const { structured } = await call(server, 'run_security_audit', { ids: ['CIS.M365.2.1.8'] });
    const [finding] = structured.findings as Finding[];
    expect(finding?.status).toBe('error');
    expect(finding?.reason).toContain('contoso.com');
    expect(finding?.reason).toContain('SERVFAIL');
  });

  it('still fails a domain that is wrong when another lookup failed', async () => {
    sim.tenant.dns.faults['contoso.com'] = 'servfail';
    const { structured } = await call(server, 'run_security_audit', { ids: ['CIS.M365.2.1.8'] });
    const [finding] = structured.findings as Finding[];
    expect(finding).toMatchObject({
      status: 'fail',
      evidence: { failingDomains: ['fabrikam-legacy.contoso.com'], lookupsFailed: ['contoso.com'] },
    });
  });

  it('asks DNS each name once a run, however many controls and domains need it', async () => {
    const before = sim.dns.queries.length;
    await call(server, 'run_security_audit', { ids: DNS_CONTROLS });
    const asked = sim.dns.queries.slice(before);
    expect(new Set(asked).size).toBe(asked.length);
    // _dmarc.contoso.com is contoso.com's own record and its subdomain's fallback: asked once.
    expect(asked.filter((q) => q === 'TXT _dmarc.contoso.com')).toHaveLength(1);
    expect(asked).toHaveLength(3 + 3 + 4);
  });

  it("states the run's coverage in the summary and the structured answer", async () => {
    const { structured, text } = await call(server, 'run_security_audit', { limit: 1 });
    const coverage = (structured.summary as { coverage: Coverage }).coverage;
    expect(coverage.manual).toBe(13);
    expect(coverage.evaluated + coverage.manual + coverage.skipped + coverage.error).toBe(
      (structured.summary as { controls: number }).controls,
    );
    // Fabric and Defender are read through their admin APIs, which the demo app may call.
    expect(coverage.bySection['9']).toEqual({ evaluated: 12, manual: 0, skipped: 0, error: 0 });
    expect(coverage.bySection['2']?.evaluated).toBe(18);
    expect(text).toMatch(
      /Coverage: \d+ evaluated, 13 manual, \d+ skipped; evaluated by section 1 \d+\/15, 2 18\/20,/,
    );

    const status = await call(server, 'get_compliance_status', {});
    expect(status.text).toContain('Coverage: ');
    const posture = await call(server, 'assess_compliance_posture', {});
    expect(posture.text).toMatch(/Coverage: \d+ evaluated, 13 manual, \d+ skipped; evaluated by section 1 /);
  });
});

describe('in the demo without DNS servers', () => {
  let server: TestServer;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-nodns-'));
    server = await startTestServer(complianceServer, {
      config: { settings: { databasePath: join(dir, 'runs.db') } },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('skips the DNS controls and says why, rather than failing them', async () => {
    const { structured } = await call(server, 'run_security_audit', { ids: DNS_CONTROLS });
    const findings = structured.findings as Finding[];
    expect(findings.map((f) => f.status)).toEqual(['skipped', 'skipped', 'skipped']);
    for (const f of findings) expect(f.reason).toContain("The demo tenant's domains are not in public DNS");
  });

  it('refuses a DNS server setting that is not an address, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-baddns-'));
    const bad = await startTestServer(complianceServer, {
      sim: server.sim,
      config: { settings: { databasePath: join(dir, 'runs.db'), dnsServers: ['dns.contoso.com'] } },
    });
    try {
      const result = await bad.client.callTool({
        name: 'run_security_audit',
        arguments: { ids: DNS_CONTROLS },
      });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain(
        'DNS server \\"dns.contoso.com\\" is not an IP address',
      );
    } finally {
      await bad.close();
    }
  });
});
