// Identity Protection and conditional access allow about one request a second per tenant and send
// no Retry-After. With graph-sim's throttling faithful, a run of every tool that reads them never
// trips it: the request log shows no 429 and arrivals at least a second apart on that workload.

import { demoPeople } from '@m365-mcp/graph-sim';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { expect, it } from 'vitest';
import { identityServer } from '../src/index.js';
import { callTool } from './support.js';

it('a run never trips the faithful identity-protection throttle, and every call is permitted', async () => {
  const t = await startTestServer(identityServer, { allowWrites: true });
  t.client.setRequestHandler(ElicitRequestSchema, async () => ({
    action: 'accept',
    content: { confirm: true },
  }));
  t.sim.throttling.setMode('faithful');
  try {
    const results = [
      await callTool(t.client, 'assess_identity_posture', {}),
      await callTool(t.client, 'analyze_risky_users'),
      await callTool(t.client, 'review_conditional_access'),
      await callTool(t.client, 'analyze_risky_users', { states: ['remediated'] }),
    ];
    const planned = await callTool(t.client, 'contain_user', {
      user: demoPeople.adele.id,
      actions: ['dismissRisk'],
    });
    results.push(
      planned,
      await callTool(t.client, 'contain_user', { planId: (planned.structured as { planId: string }).planId }),
    );
    for (const result of results) expect(result.isError).toBeFalsy();

    const graph = t.sim.requests.all().filter((r) => r.side === 'graph');
    expect(graph.filter((r) => r.status === 429 || r.throttled || r.earlyRetry)).toEqual([]);
    // Every call was allowed by the manifest's roles (the simulator answers 403 otherwise).
    expect(graph.filter((r) => r.status >= 400)).toEqual([]);

    const paced = graph.filter((r) => r.workload === 'identityProtection').sort((a, b) => a.time - b.time);
    expect(paced.length).toBe(8);
    expect(paced.some((r) => r.path === '/identity/conditionalAccess/policies')).toBe(true);
    expect(paced.some((r) => r.method === 'POST')).toBe(true);
    const gaps = paced.slice(1).map((r, i) => r.time - (paced[i] as { time: number }).time);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(990);
  } finally {
    await t.close();
  }
}, 60_000);
