import { createDemoTenant, PLANTED_CARD_NUMBERS, PLANTED_IBANS } from '@m365-mcp/graph-sim';
import { assessmentMetaKey } from '@m365-mcp/mcp-kit';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharepointServer } from '../src/index.js';
import { field, fixSettings, removeAllSharing } from './support.js';

interface Finding {
  id: string;
  status: string;
  severity: string;
  evidence: Record<string, unknown>;
}
const failing = (findings: Finding[]) => findings.filter((f) => f.status === 'fail').map((f) => f.id);

describe('on the demo tenant (planted problems)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sharepointServer, { config: { settings: { contentScanning: true } } });
  });
  afterAll(async () => t.close());

  it('lists the read tools with annotations, marks the assessment, and hides the write tool', async () => {
    const { tools } = await t.client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual([
      'analyze_sharepoint_permissions',
      'assess_sharepoint_posture',
      'audit_sharepoint_sites',
      'find_sensitive_content',
      'get_sharing_settings',
    ]);
    for (const tool of tools)
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    const assess = tools.find((x) => x.name === 'assess_sharepoint_posture');
    expect(assess?._meta?.[assessmentMetaKey]).toBe(true);
    const { prompts } = await t.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['sharepoint_exposure_review']);
  });

  it('get_sharing_settings reports the risky settings with CIS ids and the controls Graph cannot read', async () => {
    const r = await callTool(t.client, 'get_sharing_settings');
    expect(r.isError).toBeFalsy();
    const findings = field<Finding[]>(r.structured, 'findings');
    expect(failing(findings)).toEqual(
      expect.arrayContaining([
        'sharepoint.settings.external-sharing',
        'sharepoint.settings.domain-restriction',
        'sharepoint.settings.guest-resharing',
        'sharepoint.settings.legacy-auth',
        'sharepoint.settings.unmanaged-sync',
      ]),
    );
    expect(field<string[]>(r.structured, 'notReadableByGraph')).toContain('7.2.9');
    expect(r.text).toMatch(/7\.2\.3/);
    expect(r.text.length).toBeLessThan(1500);
  });

  it('analyze_sharepoint_permissions finds Marketing’s anyone edit links and outside guests, with evidence', async () => {
    const r = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/marketing',
    });
    expect(r.isError).toBeFalsy();
    const byScope = field<
      Record<
        string,
        {
          name: string;
          permissions: {
            access: string;
            expires: string | null;
            grantees: { email?: string; external: boolean }[];
          }[];
        }[]
      >
    >(r.structured, 'itemsByScope');
    expect(byScope.anonymous?.map((i) => i.name).sort()).toEqual([
      'Campaigns',
      'Event photos',
      'Logo pack.zip',
    ]);
    expect(byScope.anonymous?.find((i) => i.name === 'Logo pack.zip')?.permissions[0]).toMatchObject({
      access: 'edit',
      expires: null,
    });
    const outsiders = [...(byScope.users ?? []), ...(byScope.direct ?? [])]
      .flatMap((i) => i.permissions.flatMap((p) => p.grantees))
      .filter((g) => g.external)
      .map((g) => g.email);
    expect(outsiders.sort()).toEqual(['john@fabrikam.com', 'jordan.reed@gmail.com']);
    expect(field<string[]>(r.structured, 'owners')).toContain('Marketing Owners');
    expect(field<number>(r.structured, 'riskScore')).toBeGreaterThan(20);
    expect(failing(field<Finding[]>(r.structured, 'findings'))).toEqual(
      expect.arrayContaining(['sharepoint.sharing.anonymous-edit', 'sharepoint.sharing.external']),
    );
    // The description's injected instruction stays data, and the result says so.
    expect(r.text).toMatch(/untrusted data/);
    expect(r.text.length).toBeLessThan(1500);
  });

  it('analyze_sharepoint_permissions: the clean Legal site has nothing shared and no failing finding', async () => {
    const r = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/legal',
    });
    expect(r.isError).toBeFalsy();
    expect(field<{ sharedItems: number }>(r.structured, 'totals').sharedItems).toBe(0);
    expect(failing(field<Finding[]>(r.structured, 'findings'))).toEqual([]);
    expect(field<number>(r.structured, 'riskScore')).toBe(0);
  });

  it('analyze_sharepoint_permissions refuses other hosts, malformed URLs and missing sites clearly', async () => {
    const other = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://evil.example.com/sites/x',
    });
    expect(other.isError).toBe(true);
    expect(other.text).toMatch(/SharePoint host/);
    const malformed = await callTool(t.client, 'analyze_sharepoint_permissions', { site_url: 'not a url' });
    expect(malformed.isError).toBe(true);
    expect(malformed.text).toMatch(/not a URL/);
    const http = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'http://contoso.sharepoint.com/sites/x',
    });
    expect(http.text).toMatch(/https/);
    const missing = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/nope',
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/No site found/);
    const badId = await callTool(t.client, 'analyze_sharepoint_permissions', { site_id: '../../users' });
    expect(badId.text).toMatch(/site_id must be/);
  });

  it('audit_sharepoint_sites finds the planted sharing across sites and OneDrives', async () => {
    const r = await callTool(t.client, 'audit_sharepoint_sites', { include_onedrives: true });
    expect(r.isError).toBeFalsy();
    expect(r.structured.complete).toBe(true);
    expect(r.structured.cursor).toBeUndefined();
    expect(r.structured.sitesAudited).toBe(9);
    expect(Object.keys(field<Record<string, number>>(r.structured, 'externalDomains')).sort()).toEqual([
      'fabrikam.com',
      'gmail.com',
      'outlook.com',
    ]);
    expect(field<{ name: string }[]>(r.structured, 'riskiestSites')[0]?.name).toBe('Marketing');
    expect(r.structured.everyoneGrants).toBe(1);
    expect(failing(field<Finding[]>(r.structured, 'findings'))).toEqual(
      expect.arrayContaining([
        'sharepoint.sharing.anonymous-edit',
        'sharepoint.sharing.anonymous-no-expiry',
        'sharepoint.sharing.external',
        'sharepoint.sharing.everyone',
        'sharepoint.sharing.organization-edit',
      ]),
    );
    expect(r.text.length).toBeLessThan(1500);
  });

  it('find_sensitive_content reports the planted card numbers, IBANs, key and passwords, masked only', async () => {
    const r = await callTool(t.client, 'find_sensitive_content');
    expect(r.isError).toBeFalsy();
    const files = field<{ name: string; sharedScope: string; matches: { kind: string }[] }[]>(
      r.structured,
      'files',
    );
    const card = files.find((f) => f.name === 'Card settlements Q3.csv');
    expect(card?.sharedScope).toBe('anonymous');
    expect(card?.matches.filter((m) => m.kind === 'payment_card')).toHaveLength(PLANTED_CARD_NUMBERS.length);
    expect(files.find((f) => f.name === 'New starter bank details.csv')?.matches).toHaveLength(
      PLANTED_IBANS.length,
    );
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['payroll-sftp-key.pem', 'appsettings.Production.json']),
    );
    const findings = field<Finding[]>(r.structured, 'findings');
    expect(findings.find((f) => f.severity === 'critical')).toBeDefined();
    const everything = JSON.stringify(r);
    for (const secret of [
      ...PLANTED_CARD_NUMBERS,
      ...PLANTED_IBANS,
      'AKIAIOSFODNN7EXAMPLE',
      'Winter2026!Deploy',
      'P@ssw0rd-2026',
    ])
      expect(everything).not.toContain(secret);
    // Only the shared text files were read: Graph answered each /content in $batch with a 302, and
    // the download URL it named was read with a bounded range and without the Graph token.
    const reads = t.sim.requests.all().filter((e) => /\/content$/.test(e.path));
    expect(reads.length).toBe(field<number>(r.structured, 'filesScanned'));
    expect(reads.every((e) => e.batch !== undefined && e.status === 302)).toBe(true);
    const downloads = t.sim.requests.all().filter((e) => e.side === 'download');
    expect(downloads.length).toBe(reads.length);
    expect(downloads.every((e) => /^bytes=0-\d+$/.test(e.headers.range ?? ''))).toBe(true);
    expect(downloads.some((e) => 'authorization' in e.headers)).toBe(false);
  });

  it('assess_sharepoint_posture is critical on the demo tenant, with the rule that set it', async () => {
    const r = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(r.isError).toBeFalsy();
    expect(r.structured.status).toBe('critical');
    expect(String(r.structured.statusRule)).toMatch(/critical when a live anyone link allows editing/);
    expect(field<string[]>(r.structured, 'nextActions').length).toBeGreaterThan(0);
    expect(r.text.length).toBeLessThan(1500);
  });
});

describe('on the same tenant, fixed', () => {
  let t: TestServer;
  beforeAll(async () => {
    const tenant = createDemoTenant();
    fixSettings(tenant);
    removeAllSharing(tenant);
    t = await startTestServer(sharepointServer, { tenant, config: { settings: { contentScanning: true } } });
  });
  afterAll(async () => t.close());

  it('no settings, sharing or content findings fail, and the assessment is ok', async () => {
    const settings = await callTool(t.client, 'get_sharing_settings');
    expect(failing(field<Finding[]>(settings.structured, 'findings'))).toEqual([]);
    const audit = await callTool(t.client, 'audit_sharepoint_sites', { include_onedrives: true });
    expect(audit.structured.sharedItems).toBe(0);
    expect(failing(field<Finding[]>(audit.structured, 'findings'))).toEqual([]);
    const marketing = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/marketing',
    });
    expect(failing(field<Finding[]>(marketing.structured, 'findings'))).toEqual([]);
    const content = await callTool(t.client, 'find_sensitive_content');
    expect(field<unknown[]>(content.structured, 'files')).toEqual([]);
    const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
    expect(assess.structured.status).toBe('ok');
    // Nothing shared: not one permission read was needed.
    expect(t.sim.requests.all().filter((e) => /\/items\/(?!root)[^/]+\/permissions$/.test(e.path))).toEqual(
      [],
    );
  });
});

describe('content scanning is opt-in', () => {
  it('without the switch, find_sensitive_content reads nothing and says how to enable it', async () => {
    const t = await startTestServer(sharepointServer);
    try {
      const r = await callTool(t.client, 'find_sensitive_content');
      expect(r.isError).toBeFalsy();
      expect(r.structured.enabled).toBe(false);
      expect(r.text).toMatch(/M365_SHAREPOINT_CONTENT_SCAN=1/);
      expect(t.sim.requests.all().filter((e) => e.side === 'graph' && e.path !== '/$batch')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
