// The portfolio on a terminal: one line per tenant, worst first, and where its report is. Tenant
// text is stripped of control characters.
import { terminalSafe } from '../terminal-text.js';
import { changeSummary } from './change-text.js';
import type { PortfolioReport } from './portfolio-report.js';

export function formatPortfolioText(portfolio: PortfolioReport): string {
  const { summary } = portfolio;
  const lines = [
    `Microsoft 365 posture of ${summary.tenants} tenants: ${portfolio.overall.status.toUpperCase()}` +
      (summary.notAssessed > 0 ? ` (${summary.notAssessed} not assessed)` : ''),
    '',
  ];
  const width = Math.min(40, Math.max(0, ...portfolio.tenants.map((t) => t.name.length)));
  for (const tenant of portfolio.tenants) {
    const { critical, high } = tenant.counts;
    const detail =
      tenant.state === 'not-assessed'
        ? `not assessed: ${terminalSafe(tenant.reason ?? '', 200)}`
        : `score ${tenant.score}, ${critical} critical, ${high} high; ${changeSummary(tenant.change, tenant.status)}`;
    lines.push(
      `  ${terminalSafe(tenant.name, 40).padEnd(width)}  ${tenant.status.toUpperCase().padEnd(8)}  ${detail}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
