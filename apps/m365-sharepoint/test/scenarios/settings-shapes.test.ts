// Issue 11: GET /admin/sharepoint/settings in the shapes Microsoft documents (the service answers
// flat, the docs sample wraps the object in `value`) reads the same; a body that is not the settings
// object, or not JSON at all, is an error naming the request and its Graph request-id: never read
// as "every setting null", never a pass or a fail.
import { createDemoTenant, type Tenant } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { sharepointServer } from '../../src/index.js';
import { field } from '../support.js';

interface Finding {
  id: string;
  status: string;
  reason?: string;
  evidence: Record<string, unknown>;
}
const REQUEST_ID = /request-id [0-9a-f-]{36}/;
const settingsFindings = (data: Record<string, unknown>) =>
  field<Finding[]>(data, 'findings').filter((f) => f.id.startsWith('sharepoint.settings'));

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(edit: (tenant: Tenant) => void): Promise<TestServer> {
  const tenant = createDemoTenant();
  edit(tenant);
  t = await startTestServer(sharepointServer, { tenant });
  return t;
}

describe('the settings wrapped in `value`, as the documentation shows them', () => {
  it('read exactly as the flat answer', async () => {
    const flat = await start(() => undefined);
    const expected = await callTool(flat.client, 'get_sharing_settings');
    await flat.close();
    const wrapped = await start((tenant) => {
      tenant.sharepoint.settingsShape = 'valueWrapped';
    });
    const r = await callTool(wrapped.client, 'get_sharing_settings');
    expect(r.isError).toBeFalsy();
    expect(r.structured.settings).toEqual(expected.structured.settings);
    expect(r.structured.findings).toEqual(expected.structured.findings);
    const assess = await callTool(wrapped.client, 'assess_sharepoint_posture', {});
    expect(settingsFindings(assess.structured).some((f) => f.status === 'fail')).toBe(true);
    expect(settingsFindings(assess.structured).some((f) => f.status === 'error')).toBe(false);
  });
});

describe('a body that is not the settings object', () => {
  it('is an error with the request and its request-id: no setting passes or fails', async () => {
    const server = await start((tenant) => {
      // Valid JSON, but none of sharepointSettings' properties.
      tenant.sharepoint.settings = {
        displayName: 'not settings',
      } as unknown as Tenant['sharepoint']['settings'];
    });
    const r = await callTool(server.client, 'get_sharing_settings');
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/GET \/admin\/sharepoint\/settings/);
    expect(r.text).toMatch(REQUEST_ID);

    const assess = await callTool(server.client, 'assess_sharepoint_posture', {});
    expect(assess.isError).toBeFalsy();
    const found = settingsFindings(assess.structured);
    expect(found.map((f) => [f.id, f.status])).toEqual([['sharepoint.settings', 'error']]);
    expect(found[0]?.reason).toMatch(/does not have the shape Microsoft Graph documents/);
    expect(found[0]?.reason).toMatch(REQUEST_ID);
    expect(found[0]?.evidence).toMatchObject({ request: 'GET /admin/sharepoint/settings', status: 200 });
    // The sharing audit still ran and decides the status; the demo's anyone edit links are critical.
    expect(assess.structured.status).toBe('critical');
  });

  it('a `value` holding a list is not unwrapped into settings', async () => {
    const server = await start((tenant) => {
      tenant.sharepoint.settingsShape = 'valueWrapped';
      tenant.sharepoint.settings = [
        tenant.sharepoint.settings,
      ] as unknown as Tenant['sharepoint']['settings'];
    });
    const assess = await callTool(server.client, 'assess_sharepoint_posture', {});
    expect(settingsFindings(assess.structured).map((f) => f.status)).toEqual(['error']);
  });
});

describe('a setting Graph gives no value for', () => {
  it('is an error finding for that check, not a pass; the others still decide', async () => {
    const server = await start((tenant) => {
      tenant.sharepoint.settings.isLegacyAuthProtocolsEnabled = null as unknown as boolean;
    });
    const r = await callTool(server.client, 'get_sharing_settings');
    expect(r.isError).toBeFalsy();
    const findings = field<Finding[]>(r.structured, 'findings');
    expect(findings.find((f) => f.id === 'sharepoint.settings.legacy-auth')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/no value for isLegacyAuthProtocolsEnabled/),
    });
    expect(findings.find((f) => f.id === 'sharepoint.settings.external-sharing')?.status).toBe('fail');
    expect(
      field<{ isLegacyAuthProtocolsEnabled: unknown }>(r.structured, 'settings').isLegacyAuthProtocolsEnabled,
    ).toBe(null);
  });
});

describe('a body that is not JSON (every retry)', () => {
  it('is an error with the request-id of the last answer', async () => {
    const server = await start(() => undefined);
    server.sim.faults.add({
      match: { path: '/admin/sharepoint/settings' },
      times: 20,
      fault: { kind: 'malformed' },
    });
    const assess = await callTool(server.client, 'assess_sharepoint_posture', {});
    expect(assess.isError).toBeFalsy();
    const found = settingsFindings(assess.structured);
    expect(found.map((f) => [f.id, f.status])).toEqual([['sharepoint.settings', 'error']]);
    expect(found[0]?.reason).toMatch(/not valid JSON/);
    expect(found[0]?.reason).toMatch(REQUEST_ID);
  }, 60_000);
});
