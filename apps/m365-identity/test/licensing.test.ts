// Licences decide what Graph returns: without Entra ID P2 there is no Identity Protection and no
// PIM; without P1 no sign-in activity or registration report. Those checks are reported as skipped
// (not licensed), never as pass or fail, and the rest still runs.
import { createDemoTenant, type EntraIdLicence, setEntraIdLicence } from '@m365-mcp/graph-sim';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { describe, expect, it } from 'vitest';
import { identityServer } from '../src/index.js';
import { callTool, findingsOf } from './support.js';

async function withLicence<T>(
  licence: EntraIdLicence,
  body: (t: Awaited<ReturnType<typeof startTestServer>>) => Promise<T>,
) {
  const tenant = createDemoTenant();
  setEntraIdLicence(tenant.directory, licence);
  const t = await startTestServer(identityServer, { tenant });
  try {
    return await body(t);
  } finally {
    await t.close();
  }
}

describe('licensing', () => {
  it('P1 only: risk is skipped as not licensed; privileged access falls back to assignments without PIM', async () => {
    await withLicence('P1', async (t) => {
      const assessment = await callTool(t.client, 'assess_identity_posture', {});
      expect(assessment.isError).toBeFalsy();
      const risk = findingsOf(assessment).filter((f) => f.id.startsWith('identity.risk'));
      expect(risk).toEqual([
        expect.objectContaining({ status: 'skipped', reason: expect.stringMatching(/Not licensed/) }),
      ]);
      expect(
        findingsOf(assessment).some((f) => f.id === 'identity.mfa.admin_without_mfa' && f.status === 'fail'),
      ).toBe(true);

      const access = await callTool(t.client, 'list_privileged_access');
      expect(access.isError).toBeFalsy();
      expect(access.structured.pim).toBe('notLicensed');
      expect((access.structured.counts as { globalAdmins: number }).globalAdmins).toBe(5);
    });
  }, 30_000);

  it('free: sign-in and registration checks are skipped too, and the status is never OK by omission', async () => {
    await withLicence('free', async (t) => {
      const assessment = await callTool(t.client, 'assess_identity_posture', {});
      const areas = assessment.structured.areas as { area: string; ran: boolean }[];
      expect(
        areas
          .filter((a) => !a.ran)
          .map((a) => a.area)
          .sort(),
      ).toEqual(['mfa', 'riskyUsers', 'staleAccounts']);
      for (const f of findingsOf(assessment).filter((x) => x.id.endsWith('.unavailable'))) {
        expect(f.status).toBe('skipped');
      }
      expect(assessment.structured.status).not.toBe('ok');
    });
  }, 30_000);
});
