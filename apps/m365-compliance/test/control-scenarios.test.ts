import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, isGraphControl } from '@m365-mcp/cis-bridge';
import { type GraphSim, setEntraIdLicence, startGraphSim, type Tenant } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer, unpacedScheduler } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';
import { type ControlScenario, controlScenarios, type EvidenceCheck } from './scenarios/control-scenarios.js';
import { json } from './scenarios/tenant-edits.js';

// Every Graph-evaluated control, both ways, through the real server and graph-sim over HTTPS. One
// simulator for the whole table: before each case the tenant is reset to the demo tenant and the
// row's edit applied, then the audit runs for that control only. The DNS controls read the
// simulator's DNS server (the tenant's zone), which the server is configured to ask.

interface Finding {
  id: string;
  status: string;
  reason?: string;
  evidence: Record<string, unknown>;
}

let sim: GraphSim;
let server: TestServer;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-scenarios-'));
  sim = await startGraphSim();
  server = await startTestServer(complianceServer, {
    sim,
    config: { settings: { databasePath: join(dir, 'runs.db'), dnsServers: [sim.dns.address] } },
    // Hundreds of audits in a row: Microsoft's per-minute budgets (Secure Score, Fabric) would make
    // the table wait on the clock; the simulator here does not throttle.
    scheduler: unpacedScheduler,
  });
});
afterAll(async () => {
  await server.close();
  await sim.close();
});

function resetTenant(edit?: (t: Tenant) => void): void {
  server.sim.resetTenant();
  edit?.(server.sim.tenant);
}

async function audit(args: Record<string, unknown>): Promise<Finding[]> {
  const result = await server.client.callTool({ name: 'run_security_audit', arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return (result.structuredContent as { findings: Finding[] }).findings;
}

function expectEvidence(finding: Finding, check: EvidenceCheck): void {
  if (typeof check === 'function') {
    expect(check(json(finding.evidence)), JSON.stringify(finding.evidence)).toBe(true);
  } else {
    expect(finding.evidence).toMatchObject(check);
  }
}

describe('control scenarios', () => {
  it('cover every Graph-evaluated control of the catalogue, once', () => {
    const graphIds = catalogue
      .filter(isGraphControl)
      .map((c) => c.id)
      .sort();
    const rowIds = controlScenarios.map((r) => r.id).sort();
    expect(rowIds).toEqual(graphIds);
  });

  // The rows over conditional access policies share two runs (every CA row's fail edit applied
  // together, and every pass edit together): fewer audits, and it shows the CA checks do
  // not mask one another. Each row still asserts its own finding.
  const paced = new Set(
    catalogue
      .filter(isGraphControl)
      .filter((c) => c.resources.includes('conditionalAccessPolicies'))
      .map((c) => c.id),
  );
  const cases = controlScenarios.flatMap((row: ControlScenario) => [
    { id: row.id, expected: 'fail', edit: row.fail, evidence: row.failEvidence, shared: paced.has(row.id) },
    { id: row.id, expected: 'pass', edit: row.pass, evidence: row.passEvidence, shared: paced.has(row.id) },
  ]);
  const sharedRuns = new Map<string, Finding[]>();
  async function sharedRun(expected: string): Promise<Finding[]> {
    const cached = sharedRuns.get(expected);
    if (cached) return cached;
    const rows = cases.filter((c) => c.shared && c.expected === expected);
    resetTenant((t) => {
      for (const row of rows) row.edit?.(t);
    });
    const findings = await audit({ ids: rows.map((r) => r.id), limit: 100 });
    expect(findings.map((f) => f.id).sort()).toEqual(rows.map((r) => r.id).sort());
    sharedRuns.set(expected, findings);
    return findings;
  }

  it.each(cases)('$id: $expected', async ({ id, expected, edit, evidence, shared }) => {
    let finding: Finding | undefined;
    if (shared) {
      finding = (await sharedRun(expected)).find((f) => f.id === id);
    } else {
      resetTenant(edit);
      const findings = await audit({ ids: [id] });
      expect(findings.length).toBe(1);
      finding = findings[0];
    }
    expect(finding?.id).toBe(id);
    expect(finding?.status, JSON.stringify(finding)).toBe(expected);
    expectEvidence(finding as Finding, evidence);
  });

  it('CIS 5.1.8.1 is not applicable to a cloud-only tenant', async () => {
    resetTenant((t) => {
      t.directory.organization.onPremisesSyncEnabled = null;
    });
    const [finding] = await audit({ ids: ['CIS.M365.5.1.8.1'] });
    expect(finding).toMatchObject({ status: 'not_applicable', evidence: { onPremisesSyncEnabled: false } });
  });
});

describe('licence gating', () => {
  const gated = catalogue.filter(isGraphControl).filter((c) => c.licence !== undefined);

  it('skips every Entra-gated control on a tenant with neither P1 nor P2, and nothing else', async () => {
    resetTenant((t) => setEntraIdLicence(t.directory, 'free'));
    const findings = await audit({ limit: 200 });
    const skipped = findings.filter((f) => f.status === 'skipped').map((f) => f.id);
    const entraGated = gated.filter((c) => c.licence === 'entraP1' || c.licence === 'entraP2');
    for (const c of entraGated) {
      const f = findings.find((x) => x.id === c.id);
      expect(f?.status, c.id).toBe('skipped');
      expect(f?.reason, c.id).toMatch(/Not licensed: the tenant has no Microsoft Entra ID P[12]/);
    }
    expect(skipped.every((id) => gated.some((c) => c.id === id))).toBe(true);
  });

  it('skips only the P2 controls on a P1 tenant', async () => {
    resetTenant((t) => setEntraIdLicence(t.directory, 'P1'));
    const findings = await audit({ limit: 200 });
    for (const c of gated) {
      const f = findings.find((x) => x.id === c.id);
      if (c.licence === 'entraP2') expect(f?.status, c.id).toBe('skipped');
      if (c.licence === 'entraP1') expect(f?.status, c.id).not.toBe('skipped');
    }
  });

  it('skips the Defender for Office 365 P2 controls on a tenant without it', async () => {
    resetTenant((t) => {
      for (const sku of t.directory.subscribedSkus) {
        sku.servicePlans = (sku.servicePlans as Record<string, unknown>[]).filter(
          (p) => p.servicePlanId !== '8e0c0a52-6a6c-4d40-8370-dd62790dcd70',
        );
      }
    });
    const findings = await audit({ sections: ['2'], limit: 200 });
    const skipped = findings.filter((f) => f.status === 'skipped');
    const planTwo = gated.filter((c) => c.licence === 'defenderO365P2' && c.section.startsWith('2'));
    expect(planTwo.map((c) => c.id)).toEqual(expect.arrayContaining(['CIS.M365.2.1.1', 'CIS.M365.2.1.4']));
    expect(skipped.map((f) => f.id).sort()).toEqual(planTwo.map((c) => c.id).sort());
    for (const f of skipped) expect(f.reason).toContain('Defender for Office 365 Plan 2');
    // The DNS checks of section 2 need no Defender licence.
    const dns = findings.filter((f) =>
      ['CIS.M365.2.1.8', 'CIS.M365.2.1.9', 'CIS.M365.2.1.10'].includes(f.id),
    );
    expect(dns.map((f) => f.status)).toEqual(['fail', 'fail', 'fail']);
  });
});
