// The directory's role definitions with Microsoft's privileged flag. `isPrivileged` exists only in
// beta (v1.0 answers 400 to a $select of it), and it is the only source that covers custom roles;
// when beta fails, the definitions come from v1.0 without it and the caller's list of built-in
// privileged roles decides alone.
import { ForbiddenError, type GraphClient, GraphError, ThrottledError } from '@m365-mcp/graph-core';
import { type RoleDefinition, roleDefinitionSchema } from './schemas.js';

const MAX_DEFINITIONS = 1000;

export interface RoleDefinitions {
  items: RoleDefinition[];
  /** Where `isPrivileged` came from: beta, or nowhere (v1.0 fallback). */
  privilegedFlag: 'beta' | 'unavailable';
}

export async function readRoleDefinitions(graph: GraphClient): Promise<RoleDefinitions> {
  try {
    const beta = await graph.list('/roleManagement/directory/roleDefinitions', {
      version: 'beta',
      query: { $select: 'id,displayName,templateId,isPrivileged' },
      schema: roleDefinitionSchema,
      maxItems: MAX_DEFINITIONS,
    });
    return { items: beta.items, privilegedFlag: 'beta' };
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
    const v1 = await graph.list('/roleManagement/directory/roleDefinitions', {
      query: { $select: 'id,displayName,templateId' },
      schema: roleDefinitionSchema,
      maxItems: MAX_DEFINITIONS,
    });
    return { items: v1.items, privilegedFlag: 'unavailable' };
  }
}
