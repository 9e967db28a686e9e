// Issue 11: a sharing link whose expirationDateTime has passed grants nothing (SharePoint keeps it,
// and the item's `shared` facet, until someone removes it). A tenant with one anyone link on a file
// of card numbers: live, it is exposure; expired, it is counted as expired and nothing else. The
// clock is the server's injected one, set years away from the wall clock.
import { PLANTED_CARD_NUMBERS } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharepointServer } from '../../src/index.js';
import { field } from '../support.js';
import { daysFromNow, SCENARIO_NOW, scenarioTenant } from './scenario-tenant.js';

interface Finding {
  id: string;
  status: string;
}
const failing = (data: Record<string, unknown>) =>
  field<Finding[]>(data, 'findings')
    .filter((f) => f.status === 'fail')
    .map((f) => f.id);

async function start(expiresInDays: number): Promise<TestServer> {
  const tenant = scenarioTenant({
    teamSite: [
      {
        name: 'Card settlements.csv',
        content: `date,card\n${PLANTED_CARD_NUMBERS.map((c) => `2031-02-01,${c}`).join('\n')}\n`,
        links: [{ scope: 'anonymous', type: 'view', expirationDateTime: daysFromNow(expiresInDays) }],
      },
    ],
  });
  return startTestServer(createSharepointServer({ now: () => SCENARIO_NOW }), {
    tenant,
    config: { settings: { contentScanning: true } },
  });
}

describe('an anyone link that is still live (expires in 7 days)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await start(7);
  });
  afterAll(async () => t.close());

  it('is exposure: the audit, the site analysis, the assessment and the content scan report it', async () => {
    const audit = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(audit.isError).toBeFalsy();
    expect(audit.structured.complete).toBe(true);
    expect(field<{ anonymous: number }>(audit.structured, 'byScope').anonymous).toBe(1);
    expect(audit.structured.expiredPermissions).toBe(0);
    expect(failing(audit.structured)).toContain('sharepoint.sharing.anonymous');

    const site = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/projects',
    });
    const anonymous = field<{ anonymous: { name: string }[] }>(site.structured, 'itemsByScope').anonymous;
    expect(anonymous.map((i) => i.name)).toEqual(['Card settlements.csv']);

    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.structured.status).toBe('warning');
    expect(failing(assess.structured)).toContain('sharepoint.sharing.anonymous');

    const content = await callTool(t.client, 'find_sensitive_content', {});
    const files = field<{ name: string; sharedScope: string }[]>(content.structured, 'files');
    expect(files).toEqual([
      expect.objectContaining({ name: 'Card settlements.csv', sharedScope: 'anonymous' }),
    ]);
  });
});

describe('the same anyone link, expired yesterday', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await start(-1);
  });
  afterAll(async () => t.close());

  it('is counted as expired, never as an anyone share, and the file is not reported as exposed', async () => {
    const audit = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(audit.isError).toBeFalsy();
    expect(audit.structured.complete).toBe(true);
    expect(audit.structured.sharedItems).toBe(0);
    expect(field<{ anonymous: number }>(audit.structured, 'byScope').anonymous).toBe(0);
    expect(audit.structured.linksWithoutExpiry).toBe(0);
    expect(audit.structured.expiredPermissions).toBe(1);
    expect(failing(audit.structured)).toEqual([]);
    expect(audit.text).toMatch(/1 expired link/);

    const site = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/projects',
    });
    expect(field<{ anonymous: unknown[] }>(site.structured, 'itemsByScope').anonymous).toEqual([]);
    expect(field<{ expiredPermissions: number }>(site.structured, 'totals').expiredPermissions).toBe(1);
    expect(site.structured.riskScore).toBe(0);

    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.structured.status).toBe('ok');
    expect(failing(assess.structured)).toEqual([]);

    const content = await callTool(t.client, 'find_sensitive_content', {});
    expect(field<unknown[]>(content.structured, 'files')).toEqual([]);
    expect(field<{ expired: number }>(content.structured, 'notScanned').expired).toBe(1);
    // Not exposed, so not downloaded: only its permissions were read.
    expect(t.sim.requests.all().filter((e) => e.side === 'download')).toEqual([]);
  });
});
