// Issue 11: a sharing link whose expirationDateTime has passed grants nothing (SharePoint keeps it,
// and the item's `shared` facet, until someone removes it). A tenant with one anyone link on a file
// of card numbers: live, it is exposure; expired, it is counted as expired and nothing else. The
// clock is the server's injected one, set years away from the wall clock.
import { PLANTED_CARD_NUMBERS } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharepointServer } from '../../src/index.js';
import { call, field } from '../support.js';
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
    const audit = await call(t.client, 'audit_sharepoint_sites', {});
    expect(audit.isError).toBeFalsy();
    expect(audit.data.complete).toBe(true);
    expect(field<{ anonymous: number }>(audit.data, 'byScope').anonymous).toBe(1);
    expect(audit.data.expiredPermissions).toBe(0);
    expect(failing(audit.data)).toContain('sharepoint.sharing.anonymous');

    const site = await call(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/projects',
    });
    const anonymous = field<{ anonymous: { name: string }[] }>(site.data, 'itemsByScope').anonymous;
    expect(anonymous.map((i) => i.name)).toEqual(['Card settlements.csv']);

    const assess = await call(t.client, 'assess_sharepoint_posture', {});
    expect(assess.data.status).toBe('warning');
    expect(failing(assess.data)).toContain('sharepoint.sharing.anonymous');

    const content = await call(t.client, 'find_sensitive_content', {});
    const files = field<{ name: string; sharedScope: string }[]>(content.data, 'files');
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
    const audit = await call(t.client, 'audit_sharepoint_sites', {});
    expect(audit.isError).toBeFalsy();
    expect(audit.data.complete).toBe(true);
    expect(audit.data.sharedItems).toBe(0);
    expect(field<{ anonymous: number }>(audit.data, 'byScope').anonymous).toBe(0);
    expect(audit.data.linksWithoutExpiry).toBe(0);
    expect(audit.data.expiredPermissions).toBe(1);
    expect(failing(audit.data)).toEqual([]);
    expect(audit.text).toMatch(/1 expired link/);

    const site = await call(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/projects',
    });
    expect(field<{ anonymous: unknown[] }>(site.data, 'itemsByScope').anonymous).toEqual([]);
    expect(field<{ expiredPermissions: number }>(site.data, 'totals').expiredPermissions).toBe(1);
    expect(site.data.riskScore).toBe(0);

    const assess = await call(t.client, 'assess_sharepoint_posture', {});
    expect(assess.data.status).toBe('ok');
    expect(failing(assess.data)).toEqual([]);

    const content = await call(t.client, 'find_sensitive_content', {});
    expect(field<unknown[]>(content.data, 'files')).toEqual([]);
    expect(field<{ expired: number }>(content.data, 'notScanned').expired).toBe(1);
    // Not exposed, so not downloaded: only its permissions were read.
    expect(t.sim.requests.all().filter((e) => e.side === 'download')).toEqual([]);
  });
});
