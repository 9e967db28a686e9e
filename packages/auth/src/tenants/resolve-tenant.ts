// Picks a registry entry from what a caller typed: its name (any case) or its tenant id.
import type { TenantEntry, TenantRegistry } from './tenant-registry.js';

/** A registry of thousands is not listed whole in an error: the closest names, then a count. */
const MAX_LISTED_NAMES = 20;
/** What the caller typed is quoted back, but not at any length. */
const MAX_QUOTED_LENGTH = 80;

/** The `tenant` named is not in the registry; the message lists valid names to use instead. */
export class UnknownTenantError extends Error {
  override readonly name = 'UnknownTenantError';
  /** The names listed in the message (all of them for a small registry). */
  readonly validNames: readonly string[];

  constructor(message: string, validNames: readonly string[]) {
    super(message);
    this.validNames = validNames;
  }
}

// Built once per registry: a server resolves a tenant on every tool call.
const indexes = new WeakMap<TenantRegistry, Map<string, TenantEntry>>();

function indexOf(registry: TenantRegistry): Map<string, TenantEntry> {
  let index = indexes.get(registry);
  if (index === undefined) {
    index = new Map();
    for (const tenant of registry.tenants) {
      index.set(tenant.name.toLowerCase(), tenant);
      index.set(tenant.tenantId.toLowerCase(), tenant);
    }
    indexes.set(registry, index);
  }
  return index;
}

/** The entry whose name (case-insensitive) or tenant id is `nameOrId`; UnknownTenantError otherwise. */
export function resolveTenant(registry: TenantRegistry, nameOrId: string): TenantEntry {
  const key = nameOrId.trim().toLowerCase();
  const found = key === '' ? undefined : indexOf(registry).get(key);
  if (found !== undefined) return found;

  const names = registry.tenants.map((tenant) => tenant.name);
  // Names that contain what was typed (or are contained in it) first: a typo's likely target.
  const near = key === '' ? [] : names.filter((name) => name.includes(key) || key.includes(name));
  const listed = [...new Set([...near, ...names])].slice(0, MAX_LISTED_NAMES);
  const more = names.length - listed.length;
  const quoted = nameOrId.length > MAX_QUOTED_LENGTH ? `${nameOrId.slice(0, MAX_QUOTED_LENGTH)}…` : nameOrId;
  const asked = key === '' ? 'No tenant was named' : `No tenant ${JSON.stringify(quoted)} in the registry`;
  throw new UnknownTenantError(
    `${asked}: use a tenant's name or tenant id from the registry (${registry.tenants.length} tenant${
      registry.tenants.length === 1 ? '' : 's'
    }): ${listed.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`,
    listed,
  );
}
