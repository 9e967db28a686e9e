import type { KitMcpServer } from '../server/kit-mcp-server.js';
import { sanitizeTenantText } from '../tools/tenant-text.js';
import type { StoredPlan } from './plan-store.js';

export type Confirmation =
  | { confirmed: true; how: 'elicitation' | 'plan-id' }
  | { confirmed: false; why: 'declined' | 'cancelled' | 'unchecked' | 'failed' };

export function describePlanForHuman(tool: string, stored: StoredPlan): string {
  const { plan } = stored;
  const targets = plan.targets
    .map((t) => `${t.type} ${t.displayName ? `"${sanitizeTenantText(t.displayName, 80)}" ` : ''}(${t.id})`)
    .join(', ');
  const requests = plan.requests.map((r) => `  ${r.method} ${r.path}`).join('\n');
  const tenant = stored.tenant
    ? ` "${sanitizeTenantText(stored.tenant.displayName, 80)}" (${stored.tenant.name}, ${stored.tenant.tenantId})`
    : '';
  return [
    `${tool} wants to change your Microsoft 365 tenant${tenant}:`,
    sanitizeTenantText(plan.summary, 500),
    `Targets: ${targets || 'none listed'}`,
    `Blast radius: ${sanitizeTenantText(plan.blastRadius, 300)}`,
    `Reversible: ${plan.reversible ? `yes${plan.undo ? ` (${sanitizeTenantText(plan.undo, 300)})` : ''}` : 'NO'}`,
    `Graph requests:\n${requests}`,
  ].join('\n');
}

/**
 * Whether this server instance may ask its client a question mid-call: a 2025-era connection whose
 * client declared form elicitation in its `initialize` (stdio, or an in-process pair). Over
 * stateless HTTP no instance saw the client's `initialize`, and spec 2026-07-28 has no
 * server-to-client requests at all (the SDK's `elicitInput` throws there), so neither elicits.
 */
function canElicit(server: KitMcpServer): boolean {
  const version = server.server.getNegotiatedProtocolVersion();
  if (version === undefined || version >= '2026-07-28') return false;
  return server.server.getClientCapabilities()?.elicitation?.form !== undefined;
}

/**
 * Asks the human through MCP elicitation when the client can (see canElicit); otherwise the second
 * call with the plan id is the confirmation (the client is expected to show the plan and ask).
 */
export async function confirmPlan(
  server: KitMcpServer,
  tool: string,
  stored: StoredPlan,
  signal: AbortSignal,
): Promise<Confirmation> {
  if (!canElicit(server)) return { confirmed: true, how: 'plan-id' };
  try {
    const answer = await server.server.elicitInput(
      {
        mode: 'form',
        message: describePlanForHuman(tool, stored),
        requestedSchema: {
          type: 'object',
          properties: {
            confirm: {
              type: 'boolean',
              title: 'Apply these changes',
              description: 'Tick to apply exactly the Graph requests above',
            },
          },
          required: ['confirm'],
        },
      },
      { signal },
    );
    if (answer.action === 'decline') return { confirmed: false, why: 'declined' };
    if (answer.action === 'cancel') return { confirmed: false, why: 'cancelled' };
    return answer.content?.confirm === true
      ? { confirmed: true, how: 'elicitation' }
      : { confirmed: false, why: 'unchecked' };
  } catch {
    // A client that cannot answer has not said yes.
    return { confirmed: false, why: 'failed' };
  }
}
