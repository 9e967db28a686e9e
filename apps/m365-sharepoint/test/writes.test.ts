// remove_sharing_link through the write gate, and 403s that name the missing permission.
import { readFile } from 'node:fs/promises';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharepointPermissions, sharepointServer } from '../src/index.js';

function logoPack(t: TestServer) {
  const drive = t.sim.tenant.sharepoint.drives.find((d) => d.webUrl.includes('/sites/marketing/'));
  const item = drive?.items.find((i) => i.name === 'Logo pack.zip');
  if (!drive || !item) throw new Error('demo tenant changed: Logo pack.zip not found');
  return { drive, item };
}

describe('remove_sharing_link', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sharepointServer, { allowWrites: true });
    t.client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { confirm: true },
    }));
  });
  afterAll(async () => t.close());

  it('plans, then applies only with the plan id; the link is gone and the audit log holds both', async () => {
    const { tools } = await t.client.listTools();
    expect(tools.map((x) => x.name)).toContain('remove_sharing_link');
    const { drive, item } = logoPack(t);
    const permission = item.permissions[0];
    if (!permission) throw new Error('no planted link');
    const args = { drive_id: drive.id, item_id: item.id, permission_id: permission.id };
    const plan = await callTool(t.client, 'remove_sharing_link', args);
    expect(plan.isError).toBeFalsy();
    expect(plan.text).toMatch(/anonymous edit link/);
    expect(item.permissions).toHaveLength(1);
    const planId =
      (plan.structuredContent as { planId?: string } | undefined)?.planId ??
      /plan[^\w]*id[^\w]*([\w-]+)/i.exec(plan.text)?.[1];
    expect(planId).toBeTruthy();
    const applied = await callTool(t.client, 'remove_sharing_link', { ...args, planId });
    expect(applied.isError).toBeFalsy();
    expect(item.permissions).toHaveLength(0);
    expect(
      t.sim.requests
        .all()
        .some(
          (e) =>
            e.method === 'DELETE' && e.path.endsWith(`/permissions/${permission.id}`) && e.status === 204,
        ),
    ).toBe(true);
    const audit = (await readFile(t.auditLogPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { tool: string });
    expect(audit.filter((l) => l.tool === 'remove_sharing_link').length).toBeGreaterThanOrEqual(2);
    // The fix shows in the next analysis.
    const r = await callTool(t.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/marketing',
    });
    const anon = (r.structured.itemsByScope as { anonymous: { name: string }[] }).anonymous.map(
      (i) => i.name,
    );
    expect(anon).not.toContain('Logo pack.zip');
  });

  it('refuses to remove an inherited permission or a site group', async () => {
    const drive = t.sim.tenant.sharepoint.drives.find((d) => d.webUrl.includes('/sites/marketing/'));
    const campaigns = drive?.items.find((i) => i.name === 'Campaigns');
    const child = drive?.items.find((i) => i.parentId === campaigns?.id);
    const link = campaigns?.permissions[0];
    if (!drive || !child || !link) throw new Error('demo tenant changed');
    const inherited = await callTool(t.client, 'remove_sharing_link', {
      drive_id: drive.id,
      item_id: child.id,
      permission_id: link.id,
    });
    expect(inherited.isError).toBe(true);
    expect(inherited.text).toMatch(/inherited/);
    const root = drive.items[0];
    const group = root?.permissions[0];
    if (!root || !group) throw new Error('no site group');
    const structural = await callTool(t.client, 'remove_sharing_link', {
      drive_id: drive.id,
      item_id: root.id,
      permission_id: group.id,
    });
    expect(structural.isError).toBe(true);
    expect(structural.text).toMatch(/site group or owner/);
  });
});

describe('permissions', () => {
  it('the manifest is least privilege: three reads, one write', () => {
    expect(sharepointPermissions.permissions.map((p) => `${p.permission}:${p.access}`)).toEqual([
      'SharePointTenantSettings.Read.All:read',
      'Sites.Read.All:read',
      'Organization.Read.All:read',
      'Files.ReadWrite.All:write',
    ]);
  });

  it('a 403 names the missing permission; the assessment marks what it could not read as skipped', async () => {
    const t = await startTestServer(sharepointServer, { roles: ['Sites.Read.All'] });
    try {
      const settings = await callTool(t.client, 'get_sharing_settings');
      expect(settings.isError).toBe(true);
      expect(settings.text).toMatch(/SharePointTenantSettings\.Read\.All/);
      const assess = await callTool(t.client, 'assess_sharepoint_posture', {});
      expect(assess.isError).toBeFalsy();
      const findings = assess.structured.findings as { id: string; status: string }[];
      expect(findings.find((f) => f.id === 'sharepoint.settings')?.status).toBe('skipped');
      expect(assess.structured.status).toBe('critical');
    } finally {
      await t.close();
    }
    const noSites = await startTestServer(sharepointServer, { roles: ['SharePointTenantSettings.Read.All'] });
    try {
      const r = await callTool(noSites.client, 'analyze_sharepoint_permissions', {
        site_url: 'https://contoso.sharepoint.com/sites/finance',
      });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/Sites\.Read\.All/);
    } finally {
      await noSites.close();
    }
  });
});
