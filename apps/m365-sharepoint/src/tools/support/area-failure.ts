// One area of the assessment (the tenant settings, the sharing audit) that could not be read, as a
// finding: a 403 is `skipped` (not permitted), any other failure `error`, with what was asked,
// Graph's status, code and message, and the request-id to quote to Microsoft support. Never a pass
// or a fail, and never a thrown tool: the other area still reports.
import { ForbiddenError, GraphError } from '@m365-mcp/graph-core';
import { describeError, type Finding, type ToolContext } from '@m365-mcp/mcp-kit';
import { failureReason } from '../../graph/failure-reason.js';

export interface AreaSpec {
  /** Finding id, e.g. `sharepoint.settings`. */
  id: string;
  /** What the area reads, for titles: "SharePoint tenant settings". */
  what: string;
}

function evidenceOf(error: unknown): Finding['evidence'] {
  if (!(error instanceof GraphError)) return {};
  return {
    ...(error.method && error.path ? { request: `${error.method} ${error.path}` } : {}),
    status: error.status,
    code: error.code,
    requestId: error.requestId ?? null,
  };
}

export function areaFailure(
  area: AreaSpec,
  error: unknown,
  ctx: Pick<ToolContext, 'server' | 'log'>,
): Finding {
  const { server } = ctx;
  // Not a Graph error is a defect here, not a tenant fact: the finding says so, the log keeps it.
  if (!(error instanceof GraphError))
    ctx.log.error(`${area.what} failed unexpectedly`, { error: failureReason(error) });
  const forbidden = error instanceof ForbiddenError;
  const reason = forbidden ? describeError(error, server).message : failureReason(error);
  return {
    id: area.id,
    title: `${area.what}: ${forbidden ? 'not permitted' : 'could not be read'}`,
    severity: 'info',
    status: forbidden ? 'skipped' : 'error',
    resource: { type: 'tenant', id: 'sharepoint' },
    evidence: evidenceOf(error),
    recommendation: forbidden
      ? `Grant the permission \`${server} permissions\` lists, then run the assessment again.`
      : 'Run the assessment again; if it keeps failing, give Microsoft support the Graph request-id.',
    references: [],
    reason: reason.slice(0, 600),
  };
}
