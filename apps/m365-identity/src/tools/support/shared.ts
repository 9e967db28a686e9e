// What the tools share: the finding list schema, break-glass resolution
// from the configuration, the disabled accounts, and short text helpers.
import { type Finding, findingSchema, type ToolContext } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { readDisabledUserIds } from '../../graph/read-directory.js';

export const findingsOutput = z.array(findingSchema).describe('Findings, most severe first');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOnly = z.object({ id: z.string() });

/**
 * The configured break-glass accounts as object ids (lower case). Entries given as UPNs are looked
 * up (one read each); an entry that cannot be found is left out and logged.
 */
export async function breakGlassIds(ctx: ToolContext): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of ctx.config.breakGlassAccounts) {
    const value = entry.trim();
    if (GUID.test(value)) {
      ids.push(value.toLowerCase());
      continue;
    }
    try {
      const user = await ctx.graph.get(`/users/${encodeURIComponent(value)}`, {
        schema: idOnly,
        query: { $select: 'id' },
        signal: ctx.signal,
      });
      ids.push(user.id.toLowerCase());
    } catch {
      ctx.log.warning('A configured break-glass account could not be found; it is ignored by the checks.');
    }
  }
  return ids;
}

/**
 * The disabled accounts' ids; when they cannot be read every account counts as enabled (so nothing
 * is hidden) and `complete` says the answer may over-report.
 */
export async function disabledUserIds(ctx: ToolContext): Promise<{ ids: Set<string>; complete: boolean }> {
  try {
    return await readDisabledUserIds(ctx.graph, ctx.signal);
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    ctx.log.warning('Disabled accounts could not be read; every account counts as enabled.', {
      error: String(error),
    });
    return { ids: new Set(), complete: false };
  }
}

const severityRank: Record<Finding['severity'], number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  info: 4,
};
const statusRank: Record<Finding['status'], number> = {
  fail: 0,
  warning: 1,
  error: 2,
  skipped: 3,
  manual: 4,
  not_applicable: 5,
  pass: 6,
};

/** Problems first (fail, warning), most severe first; passes last. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] || severityRank[a.severity] - severityRank[b.severity],
  );
}

export function isProblem(finding: Finding): boolean {
  return finding.status === 'fail' || finding.status === 'warning';
}

/** A few lines naming the most important problems, for a summary. */
export function problemLines(findings: readonly Finding[], max = 6): string[] {
  const problems = sortFindings(findings).filter(isProblem);
  const lines = problems.slice(0, max).map((f) => `- [${f.severity}] ${f.title}`);
  if (problems.length > max) lines.push(`- ...and ${problems.length - max} more (see findings)`);
  return lines;
}

export function truncate(text: string, max = 1400): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
