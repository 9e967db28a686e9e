// The terminal summary: short enough to read at a glance, with the evidence that decided each risk.
// Tenant-supplied text is printed on its own, stripped of control characters, so a crafted display
// name cannot rewrite the terminal.
import type { PostureReport } from './report.js';
import { terminalSafe } from './terminal-text.js';

function clean(value: unknown, max = 120): string {
  return terminalSafe((typeof value === 'string' ? value : JSON.stringify(value)) ?? '', max);
}

function evidenceLine(evidence: Record<string, unknown> | undefined): string {
  if (!evidence) return '';
  return Object.entries(evidence)
    .slice(0, 3)
    .map(([key, value]) => `${key}=${clean(value, 60)}`)
    .join(', ');
}

export function formatText(report: PostureReport): string {
  const lines: string[] = [];
  lines.push(`Microsoft 365 posture of ${clean(report.tenant)}: ${report.overall.status.toUpperCase()}`);
  lines.push(`  rule: ${report.overall.rule}`);
  lines.push('');
  lines.push('Servers:');
  if (report.servers.length === 0) lines.push('  none ran');
  for (const server of report.servers) {
    const state =
      server.state === 'assessed'
        ? `${(server.status ?? 'unknown').toUpperCase()} (${clean(server.statusRule, 200)})`
        : server.state === 'no-assessment'
          ? 'connected; it has no assessment tool yet'
          : `could not be assessed: ${clean(server.error, 200)}`;
    lines.push(`  ${server.name}: ${state}`);
    if (server.coverage) lines.push(`    ${clean(server.coverage, 300)}`);
  }
  if (report.missingServers.length > 0) {
    lines.push(`  not built or not installed: ${report.missingServers.join(', ')}`);
  }
  lines.push('');
  const { critical, high, medium, low } = report.counts;
  lines.push(`Top risks (${critical} critical, ${high} high, ${medium} medium, ${low} low):`);
  if (report.topRisks.length === 0) lines.push('  none reported');
  for (const risk of report.topRisks) {
    lines.push(`  [${risk.severity.toUpperCase()}] ${clean(risk.title)} (${risk.server}, ${risk.id})`);
    const resource = risk.resource?.displayName ?? risk.resource?.id;
    if (resource) lines.push(`      resource: ${clean(resource)}`);
    const evidence = evidenceLine(risk.evidence);
    if (evidence) lines.push(`      evidence: ${evidence}`);
  }
  if (report.nextActions.length > 0) {
    lines.push('');
    lines.push('Next actions:');
    for (const action of report.nextActions) lines.push(`  - ${clean(action, 200)}`);
  }
  return `${lines.join('\n')}\n`;
}
