// GET /admin/sharepoint/settings as Microsoft documents it: the service answers the
// sharepointSettings entity flat, while the documentation's sample wraps it in `value`; both are
// read. Any other body is an error that names the request and its request-id: a body that does not
// parse must never be read as "every setting is null".
import { collectRequestIds, type GraphClient, TransientError } from '@m365-mcp/graph-core';
import { type SharingSettings, sharingSettingsSchema } from '../analysis/settings-checks.js';
import { unexpectedShape } from './failure-reason.js';

export const SETTINGS_PATH = '/admin/sharepoint/settings';

/** `{ value: { ...settings } }` (the docs sample) as the settings; anything else as it came. */
function unwrapValue(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || 'sharingCapability' in body) return body;
  const value = (body as { value?: unknown }).value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : body;
}

/** Where the body departs from the schema (paths and issue codes only: values are tenant data). */
function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; code: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`)
    .join('; ');
}

export async function readSharingSettings(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<SharingSettings> {
  const { result, requestIds } = await collectRequestIds(async () => {
    try {
      return { ok: true as const, body: await graph.get<unknown>(SETTINGS_PATH, signal ? { signal } : {}) };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
  const requestId = requestIds.at(-1);
  if (!result.ok) throw withRequestId(result.error, requestId);
  const parsed = sharingSettingsSchema.safeParse(unwrapValue(result.body));
  if (!parsed.success) {
    throw unexpectedShape(
      SETTINGS_PATH,
      requestId,
      `not a sharepointSettings object: ${issuesOf(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** A body that was not JSON leaves graph-core's error without a request-id; the response had one. */
function withRequestId(error: unknown, requestId: string | undefined): unknown {
  if (!(error instanceof TransientError) || error.requestId || !requestId) return error;
  return new TransientError({
    status: error.status,
    code: error.code,
    message: error.message,
    requestId,
    method: error.method,
    path: error.path,
    cause: error,
  });
}
