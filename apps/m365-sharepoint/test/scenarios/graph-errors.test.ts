// Issue 11: every class of Graph error on a SharePoint read (400, 404, 409, 500, and a 504 that
// outlasts the retries) gives a clear result for the area it hit, naming the request, with Graph's
// status, code, message and request-id: the assessment reports the area as an `error` finding and
// goes on; the audit lists the site it could not read and says it is partial; a tool whose one read
// failed is an isError result. Never a thrown tool call, never a silent pass.
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sharepointServer } from '../../src/index.js';
import { field } from '../support.js';

interface Finding {
  id: string;
  status: string;
  reason?: string;
  evidence: Record<string, unknown>;
}
const REQUEST_ID = /request-id [0-9a-f-]{36}/;

const CLASSES = [
  { status: 400, code: 'badRequest', retried: false },
  { status: 404, code: 'itemNotFound', retried: false },
  { status: 409, code: 'conflict', retried: false },
  { status: 500, code: 'generalException', retried: false },
  { status: 504, code: 'GatewayTimeout', retried: true },
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(sharepointServer);
});
afterAll(async () => t.close());
afterEach(() => {
  t.sim.faults.clear();
  t.sim.requests.clear();
});

function fail(path: string | RegExp, status: number): void {
  // Enough for every retry graph-core makes; Retry-After 0 keeps the retries instant.
  t.sim.faults.add({ match: { path }, times: 50, fault: { kind: 'status', status, retryAfter: 0 } });
}

const siteOf = (path: string) => {
  const site = t.sim.tenant.sharepoint.sites.find((s) => s.path === path);
  if (!site) throw new Error(`demo tenant changed: no ${path}`);
  return site;
};

describe.each(CLASSES)('Graph answers $status $code', ({ status, code, retried }) => {
  const graphSays = new RegExp(`failed with ${status} ${code}`);

  it('on the tenant settings: the assessment reports that area as an error and still audits sharing', async () => {
    fail('/admin/sharepoint/settings', status);
    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.isError).toBeFalsy();
    const findings = field<Finding[]>(assess.structured, 'findings');
    const area = findings.filter((f) => f.id.startsWith('sharepoint.settings'));
    expect(area.map((f) => f.status)).toEqual(['error']);
    expect(area[0]?.evidence).toMatchObject({ request: 'GET /admin/sharepoint/settings', status, code });
    expect(area[0]?.reason).toMatch(graphSays);
    expect(area[0]?.reason).toMatch(REQUEST_ID);
    expect(assess.text).toMatch(/SharePoint tenant settings: could not be read/);
    // The other area is unaffected: the demo's anyone edit links still make it critical.
    expect(findings.find((f) => f.id === 'sharepoint.sharing.anonymous-edit')?.status).toBe('fail');
    expect(assess.structured.status).toBe('critical');
    const reads = t.sim.requests.all().filter((e) => e.path === '/admin/sharepoint/settings');
    expect(reads.length).toBe(retried ? 7 : 1);

    const settings = await callTool(t.client, 'get_sharing_settings');
    expect(settings.isError).toBe(true);
    expect(settings.text).toMatch(/\/admin\/sharepoint\/settings/);
    expect(settings.text).toMatch(/request-id [0-9a-f-]{36}/);
  });

  it('on the site list: the sharing area is an error and the settings still report; the audit fails clearly', async () => {
    fail('/sites/getAllSites', status);
    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.isError).toBeFalsy();
    const findings = field<Finding[]>(assess.structured, 'findings');
    const sharing = findings.filter((f) => f.id.startsWith('sharepoint.sharing'));
    expect(sharing.map((f) => [f.id, f.status])).toEqual([['sharepoint.sharing', 'error']]);
    expect(sharing[0]?.reason).toMatch(/GET \/sites\/getAllSites failed/);
    expect(sharing[0]?.reason).toMatch(REQUEST_ID);
    expect(findings.find((f) => f.id === 'sharepoint.settings.external-sharing')?.status).toBe('fail');
    expect(assess.structured.status).toBe('warning');

    const audit = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(audit.isError).toBe(true);
    expect(audit.text).toMatch(/\/sites\/getAllSites/);
    expect(audit.text).toMatch(/request-id [0-9a-f-]{36}/);
  });

  it('on one site’s libraries: that site is named with the reason, the rest audited, nothing passes', async () => {
    const finance = siteOf('/sites/finance');
    fail(`/sites/${finance.id}/drives`, status);
    const audit = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(audit.isError).toBeFalsy();
    expect(audit.structured.complete).toBe(false);
    const failed = field<{ name: string; reason: string }[]>(audit.structured, 'sitesWithErrors');
    expect(failed.map((s) => s.name)).toEqual(['Finance']);
    expect(failed[0]?.reason).toMatch(graphSays);
    expect(failed[0]?.reason).toMatch(REQUEST_ID);
    expect(field<Finding[]>(audit.structured, 'findings').some((f) => f.status === 'pass')).toBe(false);

    const site = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/finance',
    });
    expect(site.isError).toBe(true);
    expect(site.text).toMatch(/\/drives/);
    expect(site.text).toMatch(/request-id [0-9a-f-]{36}/);
  });

  it('on one item’s permissions: its site is partial with the reason, the rest of it audited', async () => {
    const marketing = siteOf('/sites/marketing');
    const drive = t.sim.tenant.sharepoint.drives.find((d) => d.siteId === marketing.id);
    const logo = drive?.items.find((i) => i.name === 'Logo pack.zip');
    if (!drive || !logo) throw new Error('demo tenant changed: no Logo pack.zip');
    fail(`/drives/${drive.id}/items/${logo.id}/permissions`, status);
    const site = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/marketing',
    });
    expect(site.isError).toBeFalsy();
    expect(site.structured.complete).toBe(false);
    const failures = field<{ itemId?: string; reason: string }[]>(site.structured, 'failures');
    expect(failures).toEqual([
      { driveId: drive.id, itemId: logo.id, reason: expect.stringMatching(graphSays) },
    ]);
    expect(failures[0]?.reason).toMatch(REQUEST_ID);
    expect(site.text).toMatch(/PARTIAL/);
    const anonymous = field<{ anonymous: { name: string }[] }>(site.structured, 'itemsByScope').anonymous;
    expect(anonymous.map((i) => i.name).sort()).toEqual(['Campaigns', 'Event photos']);
  });
});
