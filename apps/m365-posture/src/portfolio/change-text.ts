// A tenant's change since the previous run in a few words, shared by the text, Markdown and HTML
// portfolio (each escapes it for its medium; the counts and statuses are ours, not tenant text).
import type { PortfolioChange } from './portfolio-changes.js';

export function changeSummary(change: PortfolioChange, status: string): string {
  switch (change.kind) {
    case 'first-run':
      return 'first run';
    case 'new-tenant':
      return 'new in this run';
    case 'status-only':
    case 'compared': {
      const parts = [
        change.statusChanged
          ? `${change.previousStatus.toUpperCase()} → ${status.toUpperCase()}`
          : `still ${status.toUpperCase()}`,
      ];
      if (change.kind === 'compared') {
        parts.push(`${change.newFindings.length} new`, `${change.resolvedFindings.length} resolved`);
      } else {
        parts.push('findings not compared (a run could not assess it)');
      }
      return parts.join(', ');
    }
  }
}
