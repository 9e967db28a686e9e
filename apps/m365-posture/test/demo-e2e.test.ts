// The demo end to end: the built servers, each started over stdio with its own least-privileged
// app on graph-sim, assessed through MCP. The repo's test command builds every package first.
import { describe, expect, it } from 'vitest';
import { runPosture } from '../src/run.js';
import { discoverServers, KNOWN_SERVERS } from '../src/servers.js';

describe('m365-posture --demo through the built servers', () => {
  it('finds the demo tenant planted risks through every server', { timeout: 240_000 }, async () => {
    const servers = discoverServers();
    expect(
      servers.map((s) => s.name),
      'every server must be built (pnpm run build) before this test',
    ).toEqual([...KNOWN_SERVERS]);
    const { report, outcomes } = await runPosture({ demo: true, servers });
    for (const outcome of outcomes) {
      expect(outcome.state, `${outcome.server}: ${outcome.state === 'failed' ? outcome.error : ''}`).toBe(
        'assessed',
      );
    }
    expect(report.overall.status).toBe('critical');
    expect(report.counts.critical).toBeGreaterThan(0);
    const byServer = new Map(report.servers.map((s) => [s.name, s.status]));
    // Planted: a secure score under 70% and a high-severity unassigned incident on a Global Administrator.
    expect(byServer.get('m365-security')).toBe('critical');
    // Planted: a high-risk Global Administrator and an admin without MFA.
    expect(byServer.get('m365-identity')).toBe('critical');
    // Planted: CIS failures such as legacy authentication not blocked.
    expect(byServer.get('m365-compliance')).toBe('critical');
    // Planted: anonymous edit links and card numbers shared with anyone.
    expect(['critical', 'warning']).toContain(byServer.get('m365-sharepoint'));
  });
});
