// Which Graph permissions also exist as delegated scopes (the signed-in user's permissions), from
// Microsoft's catalogue: `Sites.FullControl.All`, for one, is application-only, so a tool that needs
// it cannot work on behalf of a user at all, whatever the user's roles.
import generated from './delegated-scopes.generated.json' with { type: 'json' };

interface DelegatedScopeData {
  source: string;
  scopes: [string, string][];
}

const data = generated as unknown as DelegatedScopeData;

export interface DelegatedScope {
  /** The scope as Microsoft spells it (a token's `scp` carries this spelling). */
  name: string;
  /** Its id among Microsoft Graph's oauth2PermissionScopes. */
  id: string;
}

let byLowerName: ReadonlyMap<string, DelegatedScope> | undefined;

/** The delegated scope of a Graph permission name (matched without case); undefined when there is none. */
export function delegatedScope(permission: string): DelegatedScope | undefined {
  byLowerName ??= new Map(data.scopes.map(([name, id]) => [name.toLowerCase(), { name, id }]));
  return byLowerName.get(permission.toLowerCase());
}

/** Attribution of the delegated-scope data. */
export function delegatedScopeSource(): string {
  return data.source;
}
