import { describe, expect, it } from 'vitest';
import { complianceCmdlets } from '../../src/services/compliance/cmdlets.js';
import { createDemoTenant } from '../../src/tenant/demo/index.js';
import { generatePurview } from '../../src/tenant/generate/purview.js';

const now = new Date('2026-06-01T00:00:00Z');

function run(cmdlet: string, parameters: Record<string, unknown> = {}) {
  const handler = complianceCmdlets[cmdlet];
  if (!handler) throw new Error(`no ${cmdlet}`);
  return handler(createDemoTenant({ now }), parameters);
}

describe('Security & Compliance (Purview) cmdlets', () => {
  it('Get-DlpCompliancePolicy lists the DLP policies with their mode, workloads and locations', () => {
    expect(run('Get-DlpCompliancePolicy').map((p) => [p.Name, p.Mode, p.Workload, p.TeamsLocation])).toEqual([
      ['U.S. Financial Data', 'Enable', 'Exchange, SharePoint, OneDriveForBusiness', []],
      ['Teams PII pilot', 'TestWithNotifications', 'Teams', ['All']],
    ]);
  });

  it('Get-LabelPolicy lists the published label policies', () => {
    expect(run('Get-LabelPolicy')).toEqual([
      expect.objectContaining({ Name: 'Contoso default labels', Enabled: true, ExchangeLocation: ['All'] }),
    ]);
  });

  it('-Identity names one policy; an unknown one or an unknown parameter is refused', () => {
    expect(run('Get-LabelPolicy', { Identity: 'contoso default labels' })).toHaveLength(1);
    expect(() => run('Get-DlpCompliancePolicy', { Identity: 'missing' })).toThrow(
      expect.objectContaining({ code: 'ManagementObjectNotFoundException' }),
    );
    expect(() => run('Get-LabelPolicy', { Confirm: false })).toThrow(
      expect.objectContaining({ code: 'ParameterBindingException' }),
    );
  });

  it('generatePurview is deterministic per seed', () => {
    expect(generatePurview({ seed: 'x', now })).toEqual(generatePurview({ seed: 'x', now }));
    const seeds = Array.from({ length: 10 }, (_, i) => generatePurview({ seed: i, now }));
    expect(new Set(seeds.map((p) => p.dlpCompliancePolicies.length)).size).toBeGreaterThan(1);
  });
});
