import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPermissions,
  credentialFromEnvironment,
  definePermissions,
  formatPermissionCheck,
} from '../src/index.js';
import { type Sim, startSim } from './sim.js';

let sim: Sim;
let cloud: Awaited<ReturnType<typeof startSim>>['cloud'];

beforeAll(async () => {
  ({ sim, cloud } = await startSim());
});
afterAll(async () => {
  await sim?.close();
});

const manifest = definePermissions('m365-security', [
  { permission: 'SecurityIncident.Read.All', reason: 'read incidents', access: 'read' },
  { permission: 'SecurityAlert.Read.All', reason: 'read alerts', access: 'read' },
  { permission: 'SecurityEvents.Read.All', reason: 'read secure score', access: 'read' },
  { permission: 'SecurityIncident.ReadWrite.All', reason: 'assign and resolve incidents', access: 'write' },
]);

async function check(roles: string[], writes: boolean) {
  const { clientId, secret } = sim.registerApp({ roles });
  const { credential } = await credentialFromEnvironment({
    env: { AZURE_TENANT_ID: sim.tenantId, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: secret },
    cloud,
    ca: sim.ca,
  });
  return { clientId, report: await checkPermissions(credential, manifest, { writes, cloud }) };
}

describe('checkPermissions against a token from the simulator', () => {
  it('reports exactly the missing permissions of a token with too few roles', async () => {
    const { clientId, report } = await check(['SecurityIncident.Read.All'], true);
    expect(report.ok).toBe(false);
    expect(report.appId).toBe(clientId);
    expect(report.tenantId).toBe(sim.tenantId);
    expect(report.roles).toEqual(['SecurityIncident.Read.All']);
    expect(report.missing.map((entry) => entry.permission)).toEqual([
      'SecurityAlert.Read.All',
      'SecurityEvents.Read.All',
      'SecurityIncident.ReadWrite.All',
    ]);
    expect(report.excess).toEqual([]);

    const text = formatPermissionCheck(report);
    expect(text).toContain('MISSING (3)');
    expect(text).toMatch(/SecurityAlert\.Read\.All\s+[0-9a-f-]{36}\s+read\s+read alerts/);
    expect(text).toContain('Result: FAILED, 3 permission(s) missing.');
    expect(text).not.toContain('EXCESS');
  });

  it('reports exactly the excess roles of a token with too many, and passes', async () => {
    const { report } = await check(
      [
        'SecurityIncident.Read.All',
        'SecurityAlert.Read.All',
        'SecurityEvents.Read.All',
        'SecurityIncident.ReadWrite.All',
        'Directory.ReadWrite.All',
        'Sites.FullControl.All',
      ],
      false,
    );
    expect(report.ok).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.excess).toEqual([
      'Directory.ReadWrite.All',
      'SecurityIncident.ReadWrite.All',
      'Sites.FullControl.All',
    ]);
    expect(report.granted.map((entry) => entry.permission)).toEqual([
      'SecurityIncident.Read.All',
      'SecurityAlert.Read.All',
      'SecurityEvents.Read.All',
    ]);
    const text = formatPermissionCheck(report);
    expect(text).toContain('EXCESS (3): held but not needed by m365-security in read-only mode');
    expect(text).toContain('Result: OK, with 3 excess permission(s).');
  });

  it('passes cleanly when the token holds exactly the manifest', async () => {
    const { report } = await check(
      ['SecurityIncident.Read.All', 'SecurityAlert.Read.All', 'SecurityEvents.Read.All'],
      false,
    );
    expect(report).toMatchObject({ ok: true, missing: [], excess: [] });
    expect(formatPermissionCheck(report)).toContain('Result: OK.');
  });
});
