// The adding-a-tool guide's example server, run the way every server's tests run: graph-sim's demo
// tenant over HTTPS, the real credential and Graph client, a real MCP client. The guide quotes the
// regions below, so its test pattern is one that passes.
import { describe, expect, it } from 'vitest';
import { guestFindings } from '../examples/guest-accounts/guest-findings.js';
import { exampleServer } from '../examples/guest-accounts/server.js';
import { callTool, startTestServer } from '../src/testing/index.js';

// #region analysis-test
describe('guestFindings', () => {
  it('warns when a guest can sign in, and passes when none can', () => {
    const guest = { id: 'g1', displayName: 'Guest', userPrincipalName: 'g@x', userType: 'Guest' };
    expect(guestFindings([{ ...guest, accountEnabled: true }], 't')[0]?.status).toBe('warning');
    expect(guestFindings([{ ...guest, accountEnabled: false }], 't')[0]?.status).toBe('pass');
  });
});
// #endregion analysis-test

// #region tool-test
describe('assess_guest_accounts', () => {
  it('finds the demo tenant’s guests through a real client', async () => {
    const server = await startTestServer(exampleServer);
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['assess_guest_accounts']);
      const result = await callTool(server.client, 'assess_guest_accounts');
      expect(result.isError).toBeFalsy();
      expect(result.structured.guests).toBeGreaterThan(0);
      expect(result.structured.status).toBe('warning');
      expect(result.text).toContain('guest accounts can sign in');
    } finally {
      await server.close();
    }
  });
});
// #endregion tool-test
