// The directory's role definitions with Microsoft's privileged flag, read one way for every server
// that needs to know which roles are privileged. `isPrivileged` exists only in beta (v1.0 answers
// 400 to a $select of it), and it is the only source that covers custom roles; when beta fails, the
// definitions come from v1.0 without it and the caller's list of built-in privileged roles
// (scubaPrivilegedRoleIds and its like) decides alone.
import { z } from 'zod';
import { ForbiddenError, GraphError, ThrottledError } from '../errors.js';
import type { GraphClient } from '../graph-client.js';

const MAX_DEFINITIONS = 1000;

const roleDefinitionSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  templateId: z.string().nullable().optional(),
  isPrivileged: z.boolean().nullable().optional(),
});
export type DirectoryRoleDefinition = z.infer<typeof roleDefinitionSchema>;

export interface RoleDefinitions {
  items: DirectoryRoleDefinition[];
  /** False when the list was cut at its cap. */
  complete: boolean;
}

export async function readRoleDefinitions(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<RoleDefinitions> {
  const read = (version: 'beta' | 'v1.0', select: string) =>
    graph.list('/roleManagement/directory/roleDefinitions', {
      version,
      schema: roleDefinitionSchema,
      maxItems: MAX_DEFINITIONS,
      query: { $select: select },
      ...(signal ? { signal } : {}),
    });
  try {
    const beta = await read('beta', 'id,displayName,templateId,isPrivileged');
    return { items: beta.items, complete: beta.complete };
  } catch (error) {
    // A missing permission or throttling would fail v1.0 the same way: only beta's own failures
    // (a changed or withdrawn beta API) fall back.
    if (
      !(error instanceof GraphError) ||
      error instanceof ForbiddenError ||
      error instanceof ThrottledError
    ) {
      throw error;
    }
    const v1 = await read('v1.0', 'id,displayName,templateId');
    return { items: v1.items, complete: v1.complete };
  }
}
