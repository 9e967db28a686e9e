// The tenants one simulator hosts, as Entra and Microsoft's services see a multi-tenant world: each
// tenant has its own data, its own throttling budgets (Graph's limits are per app per tenant) and
// its own consents (an app's service principal in that tenant, with the roles an admin granted
// there). The first tenant is the simulator's own (`sim.tenant`): an app registered with
// `registerApp` is consented there by registration, and that consent IS the SimApp, so a test that
// mutates `app.roles` sees the next token change, as before many tenants existed.
import { decodeJwt } from 'jose';
import type { ThrottlingMode } from '../engine/throttling.js';
import { ThrottlingModel } from '../engine/throttling.js';
import type { Tenant } from '../tenant/model.js';

/** What an admin consented to for one app in one tenant: its service principal and grants there. */
export interface TenantGrant {
  readonly clientId: string;
  readonly displayName: string;
  /** The app's service principal in this tenant: the `oid`/`sub` of its tokens for this tenant. */
  readonly servicePrincipalId: string;
  /** Mutable: Graph application permissions granted in this tenant. */
  roles: string[];
  /** Mutable: app roles on other APIs, by resource application id (lower case). */
  serviceRoles: Record<string, string[]>;
  /** Directory roles (template ids) given at consent; the tenant's role assignments are the live truth. */
  readonly directoryRoles: readonly string[];
  /** Mutable: the tenant's Fabric setting for service principals covers this app. */
  fabricAdminApiAccess: boolean;
}

export interface HostedTenant {
  /** The live model: mutated in place by tests and writes. */
  readonly tenant: Tenant;
  readonly throttling: ThrottlingModel;
  /** Consents, by lower-case client id. */
  readonly grants: Map<string, TenantGrant>;
  /** Service principals removed by a revoked consent: their tokens are refused (Graph checks live). */
  readonly deletedServicePrincipals: Set<string>;
}

export class HostedTenants {
  private readonly hosted: HostedTenant[] = [];
  /** Lower-case id and initial domain to tenant; checked on each hit because a reset may change a tenant's id. */
  private index = new Map<string, HostedTenant>();

  constructor(
    first: Tenant,
    private readonly throttlingMode: ThrottlingMode,
  ) {
    this.add(first);
  }

  /** The simulator's own tenant (`sim.tenant`). */
  get first(): HostedTenant {
    return this.hosted[0] as HostedTenant;
  }

  all(): readonly HostedTenant[] {
    return this.hosted;
  }

  add(tenant: Tenant): HostedTenant {
    for (const key of [tenant.id, tenant.initialDomain]) {
      if (this.find(key)) {
        throw new Error(`graph-sim: a tenant with id or initial domain '${key}' is already hosted`);
      }
    }
    const entry: HostedTenant = {
      tenant,
      throttling: new ThrottlingModel(this.throttlingMode),
      grants: new Map(),
      deletedServicePrincipals: new Set(),
    };
    this.hosted.push(entry);
    this.index.set(tenant.id.toLowerCase(), entry);
    this.index.set(tenant.initialDomain.toLowerCase(), entry);
    return entry;
  }

  /** The hosted tenant whose id or initial domain this is (any case), or undefined. */
  find(idOrDomain: string): HostedTenant | undefined {
    const key = idOrDomain.toLowerCase();
    const hit = this.index.get(key);
    if (hit && names(hit.tenant, key)) return hit;
    this.index = new Map();
    for (const entry of this.hosted) {
      this.index.set(entry.tenant.id.toLowerCase(), entry);
      this.index.set(entry.tenant.initialDomain.toLowerCase(), entry);
    }
    const found = this.index.get(key);
    return found && names(found.tenant, key) ? found : undefined;
  }

  /**
   * The tenant a bearer token's `tid` names, read without verifying it (verification against that
   * tenant follows); the first tenant when the token names none this simulator hosts, so that the
   * verification refuses it exactly as before many tenants existed.
   */
  forAuthorization(authorization: string | undefined): HostedTenant {
    const tid = unverifiedTenantId(authorization);
    return (tid === undefined ? undefined : this.find(tid)) ?? this.first;
  }
}

function names(tenant: Tenant, key: string): boolean {
  return tenant.id.toLowerCase() === key || tenant.initialDomain.toLowerCase() === key;
}

/** The `tid` claim of a bearer token, unverified; undefined when there is none to read. */
export function unverifiedTenantId(authorization: string | undefined): string | undefined {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match) return undefined;
  try {
    const tid = decodeJwt(match[1] as string).tid;
    return typeof tid === 'string' ? tid : undefined;
  } catch {
    return undefined;
  }
}
