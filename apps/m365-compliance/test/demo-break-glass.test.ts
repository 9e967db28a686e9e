import { demoPeople, directoryPeople } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { complianceSettings, demoBreakGlassAccounts } from '../src/analysis/settings.js';

// settings.ts writes the demo tenant's break-glass ids out (importing graph-sim there loaded the
// simulator on every plain start), so this pins them to the simulator's own.
describe('demo break-glass accounts', () => {
  it('are the demo tenant’s two emergency-access accounts', () => {
    expect(demoBreakGlassAccounts).toEqual([demoPeople.breakglass.id, directoryPeople.breakglass2.id]);
  });

  it('stand in only for a demo run without configured accounts', () => {
    const base = { settings: {}, auditLogPath: '/tmp/audit.jsonl' };
    expect(
      complianceSettings({ ...base, breakGlassAccounts: [], demo: true }).exceptions.breakGlassAccounts,
    ).toEqual([...demoBreakGlassAccounts]);
    expect(
      complianceSettings({ ...base, breakGlassAccounts: ['configured'], demo: true }).exceptions
        .breakGlassAccounts,
    ).toEqual(['configured']);
    expect(complianceSettings({ ...base, breakGlassAccounts: [] }).exceptions.breakGlassAccounts).toEqual([]);
  });
});
