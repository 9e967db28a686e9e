// Findings from the sharing totals of one site or the whole tenant: one finding per kind of
// exposure, with counts and the worst examples as evidence, and a pass when there is none.
import { type Finding, type FindingResource, sanitizeTenantText } from '@m365-mcp/mcp-kit';
import { cis, cisa, DATA_FROM_CLOUD_STORAGE, EXFIL_WEB_SERVICE } from './references.js';
import type { AuditTotals, TopItem } from './totals.js';

// The examples quote site and file names (tenant text) and run without a tool context: they are
// cleaned here, where the finding is built, on one line and bounded as the riskiest items are
// (tools/support/present.ts), so that a name cannot start a line of its own in the answer.
function examples(items: readonly TopItem[], keep: (i: TopItem) => boolean): Finding['evidence'][string] {
  return items
    .filter(keep)
    .slice(0, 5)
    .map((i) => ({
      site: sanitizeTenantText(i.site, 120),
      name: sanitizeTenantText(i.name, 200),
      webUrl: sanitizeTenantText(i.webUrl, 400),
      access: i.access,
      expires: i.expires,
    }));
}

interface Rule {
  id: string;
  title: string;
  severity: Finding['severity'];
  count: (t: AuditTotals) => number;
  keep: (i: TopItem) => boolean;
  recommendation: string;
  references: Finding['references'];
}

const RULES: Rule[] = [
  {
    id: 'sharepoint.sharing.anonymous-edit',
    title: 'Anyone links that allow editing',
    severity: 'high',
    count: (t) => t.anonymousEdit,
    keep: (i) => i.scope === 'anonymous' && i.access !== 'view',
    recommendation:
      'Remove the links (remove_sharing_link) or replace them with view-only, expiring links to named people.',
    references: [
      cisa('MS.SHAREPOINT.3.2v1', 'File and folder anyone links are view only'),
      DATA_FROM_CLOUD_STORAGE,
    ],
  },
  {
    id: 'sharepoint.sharing.anonymous-no-expiry',
    title: 'Anyone links without an expiry date',
    severity: 'high',
    count: (t) => t.anonymousWithoutExpiry,
    keep: (i) => i.scope === 'anonymous' && i.expires === null,
    recommendation:
      'Remove the links or set an expiry of 30 days or less; set a tenant default expiry for anyone links.',
    references: [cisa('MS.SHAREPOINT.3.1v1', 'Anyone links expire within 30 days'), DATA_FROM_CLOUD_STORAGE],
  },
  {
    id: 'sharepoint.sharing.anonymous',
    title: 'Items shared with anyone who has the link',
    severity: 'medium',
    count: (t) => t.byScope.anonymous,
    keep: (i) => i.scope === 'anonymous',
    recommendation: 'Review each anyone link; prefer links for specific people.',
    references: [
      cis('7.2.7', 'Link sharing is restricted in SharePoint and OneDrive'),
      DATA_FROM_CLOUD_STORAGE,
    ],
  },
  {
    id: 'sharepoint.sharing.external',
    title: 'Items shared with guests or outside addresses',
    severity: 'medium',
    count: (t) => t.externalGrants,
    keep: (i) => i.external,
    recommendation:
      'Confirm each outside recipient still needs access; remove the rest and set guest access expiry.',
    references: [cis('7.2.3', 'External content sharing is restricted'), EXFIL_WEB_SERVICE],
  },
  {
    id: 'sharepoint.sharing.everyone',
    title: '"Everyone" or "Everyone except external users" grants',
    severity: 'medium',
    count: (t) => t.everyoneGrants,
    keep: (i) => i.everyone,
    recommendation:
      'Replace tenant-wide claims with the groups that need access; they expose content to every employee and to Copilot search.',
    references: [],
  },
  {
    id: 'sharepoint.sharing.organization-edit',
    title: 'Organization-wide links that allow editing',
    severity: 'low',
    count: (t) => t.organizationEdit,
    keep: (i) => i.scope === 'organization' && i.access !== 'view',
    recommendation: 'Prefer view-only organization links, or links for specific people.',
    references: [cis('7.2.11', 'The SharePoint default sharing link permission is set (View)')],
  },
];

export function sharingFindings(
  totals: AuditTotals,
  resource: FindingResource,
  complete: boolean,
): Finding[] {
  return RULES.map((rule): Finding => {
    const count = rule.count(totals);
    const failed = count > 0;
    return {
      id: rule.id,
      title: failed ? `${rule.title}: ${count}` : `No ${rule.title.toLowerCase()} found`,
      severity: failed ? rule.severity : 'info',
      // Nothing found in a partial audit is not a pass.
      status: failed ? 'fail' : complete ? 'pass' : 'warning',
      resource,
      evidence: { count, complete, examples: examples(totals.topItems, rule.keep) },
      recommendation: rule.recommendation,
      references: rule.references,
      ...(failed || complete
        ? {}
        : { reason: 'The audit did not cover everything; see complete and the cursor.' }),
    };
  });
}
