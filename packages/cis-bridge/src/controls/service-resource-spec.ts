import type { CmdletService, RestService } from '@m365-mcp/graph-core';

// What a control reads from an admin API beyond Graph, each read once a run however many controls
// read it (the same rule as Graph's resources in resources.ts). Who may read each service is said
// once, in the server's permission manifest (its `services`).

/** A read cmdlet of Exchange Online or Security & Compliance, run through their InvokeCommand API. */
export interface CmdletResourceSpec {
  service: CmdletService;
  /** As Microsoft's cmdlet reference names it, e.g. `Get-OrganizationConfig`. */
  cmdlet: string;
  parameters?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** `get`: the cmdlet writes one object (the value is that object); `list`: the value is every row. */
  kind: 'get' | 'list';
  /** Properties that change without anyone changing a setting; drift ignores them. */
  volatile?: string[];
}

/** A GET of a REST admin API (Teams, Fabric, SharePoint admin), relative to the service's base URL. */
export interface RestResourceSpec {
  service: RestService;
  path: string;
  /** `get`: the document itself; `list`: every row, across the service's pages. */
  kind: 'get' | 'list';
  volatile?: string[];
}

export type ServiceResourceSpec = CmdletResourceSpec | RestResourceSpec;
