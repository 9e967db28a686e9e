import { sanitizeTenantText } from '@m365-mcp/mcp-kit';
import type { RemediationOutcome } from './remediation.js';
import type { WorsenedControl } from './worsened.js';

// One notification per run naming every worsened control and setting. Values come from the tenant
// (attacker-controlled) and go to a chat channel: cleaned and bounded, never trusted as markup.

export const webhookFormats = ['teams', 'slack', 'json'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

/** A tenant of the registry (`monitor --tenants`), as notifications and logs name it. */
export interface MonitorTenant {
  name: string;
  tenantId: string;
  displayName: string;
}

export interface MonitorNotification {
  runId: string;
  /** Absent on the first run (the baseline), when only remediations are reported. */
  previousRunId?: string;
  baselineRunId?: string;
  tenantId?: string;
  /** The registry's tenant the run was of (`monitor --tenants`): whose drift this is. */
  tenant?: MonitorTenant;
  startedAt: string;
  worsened: WorsenedControl[];
  /** What auto-remediation did in this run (--allow-writes with --remediate). */
  remediations?: RemediationOutcome[];
}

const MAX_CONTROLS = 50;
const MAX_SETTINGS = 20;
const clean = (v: unknown, max = 120) =>
  sanitizeTenantText(typeof v === 'string' ? v : (JSON.stringify(v ?? null) ?? 'null'), max);

/** "Contoso Ltd (tenant <id>): " for a registry's tenant; nothing for the one tenant of a plain monitor. */
function tenantPrefix(n: MonitorNotification): string {
  return n.tenant ? `${clean(n.tenant.displayName, 100)} (tenant ${clean(n.tenant.tenantId, 40)}): ` : '';
}

export function notificationText(n: MonitorNotification): string {
  const lines = [
    n.previousRunId
      ? `m365-compliance monitor: ${tenantPrefix(n)}${n.worsened.length} control(s) got worse in run ${n.runId} (${n.startedAt}), compared with run ${n.previousRunId}.`
      : `m365-compliance monitor: ${tenantPrefix(n)}first run ${n.runId} (${n.startedAt}), stored as the baseline.`,
  ];
  for (const w of n.worsened.slice(0, MAX_CONTROLS)) {
    lines.push(`- ${w.controlId} ${clean(w.title, 100)}: ${w.from} -> ${w.to}`);
    for (const s of w.settings.slice(0, MAX_SETTINGS))
      lines.push(
        `  - ${clean(s.resource, 60)} ${clean(s.path, 100)}: ${clean(s.before)} -> ${clean(s.after)}`,
      );
  }
  if (n.worsened.length > MAX_CONTROLS) lines.push(`(and ${n.worsened.length - MAX_CONTROLS} more)`);
  const remediations = n.remediations ?? [];
  if (remediations.length > 0) lines.push(`Auto-remediation (${remediations.length}):`);
  // Messages quote plan summaries, which may name tenant objects: cleaned like any tenant value.
  for (const r of remediations) lines.push(`- ${r.controlId}: ${r.status}: ${clean(r.message, 300)}`);
  return lines.join('\n');
}

export function webhookPayload(format: WebhookFormat, n: MonitorNotification): unknown {
  const text = notificationText(n);
  switch (format) {
    case 'slack':
      return { text };
    case 'teams':
      // A legacy connector MessageCard; `text` is what Workflows-based webhooks read too.
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: `${tenantPrefix(n)}${n.worsened.length} compliance control(s) got worse${
          n.remediations?.length ? `, ${n.remediations.length} auto-remediation(s)` : ''
        }`,
        themeColor: 'D13438',
        text: text.replaceAll('\n', '\n\n'),
      };
    case 'json':
      return {
        type: 'm365-compliance.monitor.worsened',
        ...n,
        ...(n.tenant
          ? {
              tenant: {
                name: clean(n.tenant.name, 100),
                tenantId: clean(n.tenant.tenantId, 40),
                displayName: clean(n.tenant.displayName, 200),
              },
            }
          : {}),
        ...(n.remediations
          ? { remediations: n.remediations.map((r) => ({ ...r, message: clean(r.message, 500) })) }
          : {}),
        worsened: n.worsened.slice(0, MAX_CONTROLS).map((w) => ({
          ...w,
          title: clean(w.title, 200),
          settings: w.settings.slice(0, MAX_SETTINGS).map((s) => ({
            resource: clean(s.resource, 100),
            path: clean(s.path, 200),
            before: clean(s.before, 500),
            after: clean(s.after, 500),
          })),
        })),
        text,
      };
  }
}
