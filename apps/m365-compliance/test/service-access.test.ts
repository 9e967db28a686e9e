// The audit over the admin APIs beyond Graph, through the real compliance server, its MCP client and
// graph-sim over HTTPS: with every service granted the service controls are evaluated; a Graph-only
// app still gets every Graph control evaluated and each service control skipped naming what unlocks
// it; a service that refuses skips only its own controls.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, isGraphControl, resources } from '@m365-mcp/cis-bridge';
import { ADMIN_SERVICES, type AdminService } from '@m365-mcp/graph-core';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { compliancePermissions } from '../src/permissions.js';
import { complianceServer } from '../src/server.js';

interface Finding {
  id: string;
  status: string;
  reason?: string;
}

const graphKeys = new Set(Object.keys(resources));
/** Controls that read at least one resource of an admin API beyond Graph. */
const serviceControls = catalogue
  .filter(isGraphControl)
  .filter((c) => c.resources.some((k) => !graphKeys.has(k)));
const graphOnlyControls = catalogue
  .filter(isGraphControl)
  .filter((c) => c.resources.every((k) => graphKeys.has(k)));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(services?: AdminService[]): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-services-'));
  server = await startTestServer(complianceServer, {
    config: { settings: { databasePath: join(dir, 'runs.db') } },
    ...(services === undefined ? {} : { services }),
  });
  return server;
}

/** Every finding of one run, paging with the cursor (no second run). */
async function audit(test: TestServer, args: Record<string, unknown> = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  let cursor: string | undefined;
  do {
    const result = await test.client.callTool({
      name: 'run_security_audit',
      arguments: cursor === undefined ? { ...args, limit: 100 } : { cursor, limit: 100 },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const page = result.structuredContent as { findings: Finding[]; cursor?: string };
    findings.push(...page.findings);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return findings;
}

const refusedOrUnconnected = /^(Not permitted: (?!reading \/)|This run has no connection)/;

/** What unlocks each service, as the manifest says it: the skip reason must carry it. */
const unlocks = compliancePermissions.services.map(
  (s) => s.appRole?.permission ?? s.directoryRoles[0]?.name ?? s.serviceSetting ?? '',
);

/** Fabric's controls read its tenant settings (cis-bridge's fabric resources). */
const readsFabric = (control: (typeof serviceControls)[number]) =>
  control.resources.some((k) => k.startsWith('fabric'));

describe('the audit over the admin APIs', () => {
  it('evaluates the service controls when the demo app holds every service', async () => {
    const test = await start();
    if (serviceControls.length === 0) return;
    const findings = await audit(test, { ids: serviceControls.map((c) => c.id).slice(0, 100) });
    for (const finding of findings) {
      expect(finding.reason ?? '', `${finding.id}: ${finding.reason}`).not.toMatch(refusedOrUnconnected);
    }
  });

  it('gives a Graph-only app every Graph control and skips each service control naming what unlocks it', async () => {
    const test = await start([]);
    const findings = await audit(test);
    const byId = new Map(findings.map((f) => [f.id, f]));
    for (const control of graphOnlyControls) {
      const finding = byId.get(control.id);
      expect(finding?.reason ?? '', control.id).not.toMatch(refusedOrUnconnected);
    }
    for (const control of serviceControls) {
      const finding = byId.get(control.id);
      expect(finding?.status, control.id).toBe('skipped');
      // "Not permitted: Exchange Online refused Get-… (401). Exchange Online needs Exchange.ManageAsApp …"
      expect(finding?.reason, control.id).toMatch(/^Not permitted: (.+?) refused .+\. \1 needs /);
      expect(
        // A finding's reason may be cut short in the tool's output: the unlock's start is enough.
        unlocks.some((unlock) => finding?.reason?.includes(unlock.slice(0, 40))),
        `${control.id}: ${finding?.reason}`,
      ).toBe(true);
    }
  });

  it('skips only the controls of the one service that refuses', async () => {
    const test = await start(ADMIN_SERVICES.filter((s) => s !== 'fabric'));
    const findings = await audit(test, { ids: serviceControls.map((c) => c.id).slice(0, 100) });
    for (const finding of findings) {
      const control = serviceControls.find((c) => c.id === finding.id);
      if (control === undefined) continue;
      if (readsFabric(control)) {
        expect(finding.status, finding.id).toBe('skipped');
        expect(finding.reason, finding.id).toMatch(/^Not permitted: The Fabric admin API refused/);
      } else {
        expect(finding.reason ?? '', finding.id).not.toMatch(refusedOrUnconnected);
      }
    }
  });
});
