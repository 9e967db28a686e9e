// Tool input never escapes its OData literal, ids cannot climb out of their path, and lists are
// bounded and honest when they stop early.
import type { SecurityAlert } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { securityServer } from '../src/index.js';
import { results, structured } from './structured.js';
import { summaryOf } from './summary.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('hostile input', () => {
  it('a quote in assignedTo stays inside its string literal', async () => {
    t = await startTestServer(securityServer);
    const hostile = "x' or severity ne 'none";
    const r = await callTool(t.client, 'list_incidents', { assignedTo: hostile });
    expect(r.isError).toBeFalsy();
    expect(structured(results.list_incidents, r).total).toBe(0);
    const sent = t.sim.requests.all().find((q) => q.path === '/security/incidents');
    expect(sent?.query.$filter).toBe("assignedTo eq 'x'' or severity ne ''none'");
  });

  it('enum filters accept only Graph values; ids accept only id characters', async () => {
    t = await startTestServer(securityServer);
    const badSeverity = await callTool(t.client, 'get_security_alerts', { severity: ["high' or 1 eq 1"] });
    expect(badSeverity.isError).toBe(true);
    const badAlert = await callTool(t.client, 'get_security_alerts', { alertId: '../incidents' });
    expect(badAlert.isError).toBe(true);
    const badIncident = await callTool(t.client, 'investigate_incident', { incidentId: '1?$expand=x' });
    expect(badIncident.isError).toBe(true);
    expect(t.sim.requests.all().filter((q) => q.side === 'graph')).toEqual([]);
  });

  it('sends severity, status and time filters as Graph documents them', async () => {
    t = await startTestServer(securityServer);
    await callTool(t.client, 'get_security_alerts', {
      severity: ['high', 'medium'],
      status: ['new'],
      days: 7,
    });
    const sent = t.sim.requests.all().find((q) => q.path === '/security/alerts_v2');
    expect(sent?.query.$filter).toMatch(
      /^\(\(severity eq 'high'\) or \(severity eq 'medium'\)\) and \(status eq 'new'\) and \(createdDateTime ge \d{4}-\d\d-\d\dT[\d:.]+Z\)$/,
    );
  });
});

describe('bounded paging', () => {
  it('reads at most 1000 alerts, in pages, and says the answer is partial', async () => {
    t = await startTestServer(securityServer);
    const template = t.sim.tenant.security.alerts[0] as SecurityAlert;
    for (let i = 0; i < 1200; i++) {
      t.sim.tenant.security.alerts.push({ ...template, id: `da0000000000000000_${i}`, incidentId: '1' });
    }
    const r = await callTool(t.client, 'get_security_alerts', { limit: 10 });
    const s = structured(results.get_security_alerts, r);
    expect(s.complete).toBe(false);
    expect(s.total).toBe(1000);
    expect(s.alerts).toHaveLength(10);
    expect(summaryOf(r.text)).toMatch(/PARTIAL/);
    const pages = t.sim.requests.all().filter((q) => q.path === '/security/alerts_v2');
    expect(pages).toHaveLength(2);
  });
});
