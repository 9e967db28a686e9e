import { defineTool, findingSchema, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { evaluateSettings, NOT_READABLE_BY_GRAPH } from '../analysis/settings-checks.js';
import { readSharingSettings } from '../graph/read-sharing-settings.js';

export const getSharingSettings = defineTool({
  name: 'get_sharing_settings',
  title: 'SharePoint sharing settings',
  description:
    'Reads the tenant-wide SharePoint and OneDrive sharing settings that Microsoft Graph exposes ' +
    '(GET /admin/sharepoint/settings) and reports each risky value as a finding with its CIS/CISA id. ' +
    'Also lists the CIS SharePoint controls Graph cannot read (status manual). A setting Graph gives no value for ' +
    'is an error finding, never a pass; an answer that is not the settings object is an error naming the request ' +
    'and its Graph request-id. One Graph call; cheap.',
  input: {},
  output: {
    settings: z.object({
      sharingCapability: z.string(),
      sharingDomainRestrictionMode: z.string().nullable(),
      sharingAllowedDomainList: z.array(z.string()),
      sharingBlockedDomainList: z.array(z.string()),
      isResharingByExternalUsersEnabled: z.boolean().nullable(),
      isRequireAcceptingUserToMatchInvitedUserEnabled: z.boolean().nullable(),
      isLegacyAuthProtocolsEnabled: z.boolean().nullable(),
      isUnmanagedSyncAppForTenantRestricted: z.boolean().nullable(),
      idleSessionSignOutEnabled: z.boolean().nullable(),
    }),
    failing: z.number().int(),
    findings: z.array(findingSchema),
    notReadableByGraph: z.array(z.string()).describe('CIS v6.0.0 control ids Graph cannot read'),
  },
  annotations: readOnlyAnnotations,
  async handler(_args, ctx) {
    // A Graph error or an unreadable body is thrown: this tool has one area, and the server turns a
    // typed Graph error into an isError result naming the request, the status and the request-id.
    const s = await readSharingSettings(ctx.graph, ctx.signal);
    const findings = evaluateSettings(s, 'tenant');
    const failing = findings.filter((f) => f.status === 'fail');
    const undecided = findings.filter((f) => f.status === 'error');
    const domains = (list: string[] | null | undefined) =>
      (list ?? []).slice(0, 100).map((d) => ctx.tenantText(d, 253));
    const structured = {
      settings: {
        sharingCapability: s.sharingCapability,
        sharingDomainRestrictionMode: s.sharingDomainRestrictionMode ?? null,
        sharingAllowedDomainList: domains(s.sharingAllowedDomainList),
        sharingBlockedDomainList: domains(s.sharingBlockedDomainList),
        isResharingByExternalUsersEnabled: s.isResharingByExternalUsersEnabled ?? null,
        isRequireAcceptingUserToMatchInvitedUserEnabled:
          s.isRequireAcceptingUserToMatchInvitedUserEnabled ?? null,
        isLegacyAuthProtocolsEnabled: s.isLegacyAuthProtocolsEnabled ?? null,
        isUnmanagedSyncAppForTenantRestricted: s.isUnmanagedSyncAppForTenantRestricted ?? null,
        idleSessionSignOutEnabled: s.idleSessionSignOut?.isEnabled ?? null,
      },
      failing: failing.length,
      findings,
      notReadableByGraph: NOT_READABLE_BY_GRAPH.map((c) => c.id),
    };
    const lines = [
      `Sharing capability: ${s.sharingCapability}. ${failing.length} risky setting(s)${undecided.length > 0 ? `, ${undecided.length} not decided (Graph gave no value)` : ''}:`,
      ...failing.map(
        (f) =>
          `- [${f.severity}] ${f.title} (${f.references.map((r) => r.id).join(', ') || 'no benchmark id'})`,
      ),
      ...undecided.map((f) => `- [error] ${f.title}`),
      `Graph cannot read CIS ${structured.notReadableByGraph.join(', ')}: check them in the SharePoint admin center.`,
    ];
    return { structured, summary: lines.join('\n') };
  },
});
