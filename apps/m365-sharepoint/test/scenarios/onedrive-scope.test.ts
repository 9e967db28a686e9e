// Issue 11: OneDrives are where people share most, so a tenant-wide assessment covers them by
// default; a tool's include_onedrives=false or the server setting includeOneDrives=false leaves
// them out (the tool's argument wins over the setting). A tenant whose only overshared file is an
// anyone edit link in a OneDrive.
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharepointServer } from '../../src/index.js';
import { field } from '../support.js';
import { SCENARIO_NOW, scenarioTenant } from './scenario-tenant.js';

interface Finding {
  id: string;
  status: string;
}
const failing = (data: Record<string, unknown>) =>
  field<Finding[]>(data, 'findings')
    .filter((f) => f.status === 'fail')
    .map((f) => f.id);

const server = createSharepointServer({ now: () => SCENARIO_NOW });
const tenant = () =>
  scenarioTenant({
    teamSite: [{ name: 'Roadmap.txt' }],
    oneDrive: [{ name: 'Salary review.txt', links: [{ scope: 'anonymous', type: 'edit' }] }],
  });

describe('a OneDrive with an anyone edit link, default settings', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(server, { tenant: tenant() });
  });
  afterAll(async () => t.close());

  it('the tenant-wide audit and the assessment find it', async () => {
    const audit = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(audit.structured.includesOneDrives).toBe(true);
    expect(audit.structured.sitesAudited).toBe(3);
    expect(failing(audit.structured)).toEqual(
      expect.arrayContaining(['sharepoint.sharing.anonymous-edit', 'sharepoint.sharing.anonymous-no-expiry']),
    );
    expect(field<{ name: string }[]>(audit.structured, 'riskiestItems')[0]?.name).toBe('Salary review.txt');

    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.structured.status).toBe('critical');
    expect(field<{ includesOneDrives: boolean }>(assess.structured, 'auditCoverage').includesOneDrives).toBe(
      true,
    );
  });

  it('include_onedrives=false leaves the OneDrive out, and nothing is found', async () => {
    const audit = await callTool(t.client, 'audit_sharepoint_sites', { include_onedrives: false });
    expect(audit.structured.includesOneDrives).toBe(false);
    expect(audit.structured.sitesAudited).toBe(2);
    expect(failing(audit.structured)).toEqual([]);
    expect(audit.text).toMatch(/OneDrives left out/);

    const assess = await callTool(t.client, 'assess_sharepoint_posture', { include_onedrives: false });
    expect(assess.structured.status).toBe('ok');
  });
});

describe('the server setting includeOneDrives=false', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(server, {
      tenant: tenant(),
      config: { settings: { includeOneDrives: false } },
    });
  });
  afterAll(async () => t.close());

  it('leaves OneDrives out by default; a tool’s include_onedrives=true puts them back', async () => {
    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.structured.status).toBe('ok');
    expect(field<{ includesOneDrives: boolean }>(assess.structured, 'auditCoverage').includesOneDrives).toBe(
      false,
    );
    // No OneDrive library was even listed.
    expect(t.sim.requests.all().some((e) => e.path.includes('contoso-my.sharepoint.com'))).toBe(false);

    const audit = await callTool(t.client, 'audit_sharepoint_sites', { include_onedrives: true });
    expect(failing(audit.structured)).toContain('sharepoint.sharing.anonymous-edit');
  });
});
