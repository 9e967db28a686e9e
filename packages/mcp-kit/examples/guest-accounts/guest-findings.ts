// analysis/: plain domain logic. It knows nothing of MCP or Graph clients, so it is tested on its
// own with hand-made inputs. It returns findings in the one shape every check reports.
import type { Finding, PostureStatus } from '@m365-mcp/mcp-kit';
import type { DirectoryUser } from './read-guest-accounts.js';

export const guestStatusRule = 'WARNING if any guest account can sign in; OK otherwise.';

export function guestFindings(guests: readonly DirectoryUser[], tenantId: string): Finding[] {
  const enabled = guests.filter((g) => g.accountEnabled !== false);
  return [
    {
      id: 'EXAMPLE.GUESTS.1',
      title: 'Guest accounts that can sign in',
      severity: 'medium',
      status: enabled.length > 0 ? 'warning' : 'pass',
      resource: { type: 'tenant', id: tenantId },
      evidence: { enabledGuests: enabled.length, guests: guests.length },
      recommendation: 'Review guest access regularly and remove guests who no longer need it.',
      references: [{ framework: 'Microsoft', id: 'guest-access-reviews', title: 'Review guest access' }],
    },
  ];
}

export function guestStatus(findings: readonly Finding[]): PostureStatus {
  return findings.some((f) => f.status === 'warning' || f.status === 'fail') ? 'warning' : 'ok';
}
