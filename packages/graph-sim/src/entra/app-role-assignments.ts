// App role assignments on the APIs registered in the simulator (an MCP server's `McpServer.Read`):
// per tenant, which principal (a user's object id, or an app's service principal id there) holds
// which role values of which resource app. A token for that resource carries them in `roles`.
export class AppRoleAssignments {
  /** tenant id (lower case) → resource client id (lower case) → principal id → role values. */
  private readonly byTenant = new Map<string, Map<string, Map<string, Set<string>>>>();

  private principals(tenantId: string, resourceClientId: string): Map<string, Set<string>> {
    const tenantKey = tenantId.toLowerCase();
    let resources = this.byTenant.get(tenantKey);
    if (!resources) {
      resources = new Map();
      this.byTenant.set(tenantKey, resources);
    }
    const resourceKey = resourceClientId.toLowerCase();
    let principals = resources.get(resourceKey);
    if (!principals) {
      principals = new Map();
      resources.set(resourceKey, principals);
    }
    return principals;
  }

  assign(tenantId: string, resourceClientId: string, principalId: string, role: string): void {
    const principals = this.principals(tenantId, resourceClientId);
    const roles = principals.get(principalId) ?? new Set<string>();
    roles.add(role);
    principals.set(principalId, roles);
  }

  /** False when the principal did not hold the role. */
  unassign(tenantId: string, resourceClientId: string, principalId: string, role: string): boolean {
    return this.principals(tenantId, resourceClientId).get(principalId)?.delete(role) ?? false;
  }

  rolesOf(tenantId: string, resourceClientId: string, principalId: string): string[] {
    return [...(this.principals(tenantId, resourceClientId).get(principalId) ?? [])].sort();
  }
}
