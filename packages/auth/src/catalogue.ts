import { catalogueEntry } from '@m365-mcp/graph-core';

export interface CataloguePermission {
  /** The name as Microsoft spells it (tokens carry this spelling in `roles`). */
  name: string;
  /** The Graph app role id. */
  id: string;
}

/**
 * An application permission from the catalogue graph-core ships, matched without case. Undefined
 * when the name is unknown or the permission exists only as a delegated one (no app role id).
 */
export function cataloguePermission(permission: string): CataloguePermission | undefined {
  const entry = catalogueEntry(permission);
  if (entry === undefined || entry.id === null || entry.id.length === 0) return undefined;
  return { name: entry.name, id: entry.id };
}
