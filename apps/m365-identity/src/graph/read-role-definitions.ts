// The directory's role definitions with Microsoft's privileged flag. `isPrivileged` exists only in
// beta (v1.0 answers 400 to a $select of it), and it is the only source that covers custom roles;
// when beta fails, the definitions come from v1.0 without it and the list of built-in privileged
// roles (privilegedRoleIds) decides alone.
import { ForbiddenError, type GraphClient, GraphError, ThrottledError } from '@m365-mcp/graph-core';
import { type GraphRoleDefinition, roleDefinitionSchema } from './schemas.js';

const MAX_DEFINITIONS = 1000;

export async function readRoleDefinitions(
  graph: GraphClient,
  signal: AbortSignal | undefined,
): Promise<{ items: GraphRoleDefinition[]; complete: boolean }> {
  const read = (version: 'beta' | 'v1.0', select: string) =>
    graph.list('/roleManagement/directory/roleDefinitions', {
      version,
      schema: roleDefinitionSchema,
      maxItems: MAX_DEFINITIONS,
      query: { $select: select },
      ...(signal ? { signal } : {}),
    });
  try {
    return await read('beta', 'id,displayName,templateId,isBuiltIn,isPrivileged');
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
    return await read('v1.0', 'id,displayName,templateId,isBuiltIn');
  }
}
