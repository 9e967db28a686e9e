// The BUILT bin over stdio (the repo's test command builds first; while developing, build with
// turbo before running this): --demo lists the tools and answers the assessment.
import { type BuiltBin, useBuiltBin } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let bin: BuiltBin;
beforeAll(async () => {
  bin = await useBuiltBin(new URL('../bin/m365-compliance.js', import.meta.url));
});
afterAll(() => bin.close());

describe('built bin over stdio', () => {
  it('lists the tools and answers the assessment with --demo', async () => {
    const { client, protocolErrors } = await bin.connect(['--demo']);
    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('assess_compliance_posture');
    expect(tools).not.toContain('remediate_control');
    const result = await client.callTool({ name: 'assess_compliance_posture', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { status: string }).status).toBe('critical');
    expect(protocolErrors).toEqual([]);
  }, 60_000);

  it("--demo reads the demo domains from the simulator's DNS server: SPF, DKIM and DMARC evaluated, not skipped", async () => {
    const { client } = await bin.connect(['--demo']);
    const ids = ['CIS.M365.2.1.8', 'CIS.M365.2.1.9', 'CIS.M365.2.1.10'];
    const result = await client.callTool({ name: 'run_security_audit', arguments: { ids } });
    expect(result.isError).toBeFalsy();
    const findings = (result.structuredContent as { findings: { id: string; status: string }[] }).findings;
    // The demo tenant has planted gaps in all three (see graph-sim's demo DNS zone).
    expect(findings.map((f) => [f.id, f.status])).toEqual(ids.map((id) => [id, 'fail']));
  }, 60_000);
});
