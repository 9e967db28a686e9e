// Shared helpers for the server's tests: calling a tool through the real MCP client, and fixing
// the demo tenant's planted SharePoint problems.
import type { Tenant } from '@m365-mcp/graph-sim';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

export interface ToolOutcome extends CallToolResult {
  text: string;
  /** structuredContent, already validated by the SDK against the tool's output schema. */
  data: Record<string, unknown> & { [key: string]: never | unknown };
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
  options?: RequestOptions,
): Promise<ToolOutcome> {
  const result = CallToolResultSchema.parse(
    await client.callTool({ name, arguments: args }, CallToolResultSchema, options),
  );
  const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
  return { ...result, text, data: (result.structuredContent ?? {}) as ToolOutcome['data'] };
}

/** Removes every sharing link and personal grant, leaving site groups and owners: the fixed tenant. */
export function removeAllSharing(tenant: Tenant): void {
  for (const drive of tenant.sharepoint.drives) {
    for (const item of drive.items) {
      if (item.parentId === null) continue;
      item.permissions = [];
    }
    drive.changeCounter += 1;
  }
}

/** Safe sharing settings: what CIS and CISA ask for. */
export function fixSettings(tenant: Tenant): void {
  Object.assign(tenant.sharepoint.settings, {
    sharingCapability: 'existingExternalUserSharingOnly',
    sharingDomainRestrictionMode: 'allowList',
    sharingAllowedDomainList: ['fabrikam.com'],
    isResharingByExternalUsersEnabled: false,
    isRequireAcceptingUserToMatchInvitedUserEnabled: true,
    isLegacyAuthProtocolsEnabled: false,
    isUnmanagedSyncAppForTenantRestricted: true,
    allowedDomainGuidsForSyncApp: ['6d5f1a51-5d4c-4c53-9b3a-3a2f0f0e5a11'],
    idleSessionSignOut: { isEnabled: true, warnAfterInSeconds: 3000, signOutAfterInSeconds: 3600 },
  });
}

/** A typed view of a structured field. */
export function field<T>(data: Record<string, unknown>, key: string): T {
  return data[key] as T;
}
