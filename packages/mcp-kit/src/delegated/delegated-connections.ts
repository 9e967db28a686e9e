// On-behalf-of: a server behind Entra sign-in calls Graph as each signed-in user, so Graph enforces
// that user's own roles and its activity log names them. One Graph client per user (made on first
// use from the caller's token), cached by the user's principal, not by token: a refreshed token of
// the same user keeps the connection and swaps in a credential built from the newer assertion.
// Bounded (least recently used first out) and closed on shutdown.
import {
  decodeUserToken,
  onBehalfOfCredential,
  resolveTenant,
  serverAppCredentialsFromEnv,
  type TenantRegistry,
  tenantEnvironment,
} from '@m365-mcp/auth';
import {
  type AdminApis,
  createGraphClient,
  type GraphClient,
  resolveCloud,
  Scheduler,
  type SchedulerOptions,
  type TokenCredential,
} from '@m365-mcp/graph-core';
import { entraPrincipal, type HttpCaller } from '../http/principal.js';
import type { ToolTenant } from '../tools/tool-context.js';
import { SwappableCredential } from './swappable-credential.js';

/** Users whose connections are kept at once, unless the server is told otherwise. */
export const defaultMaxDelegatedUsers = 100;

export interface DelegatedConnectionsOptions {
  /** The process's environment: the server app's own credential (the OBO client), the cloud, the M365_*_URL overrides. */
  env: Record<string, string | undefined>;
  /** With many tenants: each tenant's entry names the app credential used in that tenant. */
  registry?: TenantRegistry;
  /** A CA the authority and Graph are trusted with (the simulator's in tests and the demo). */
  ca?: string;
  /** Each tenant's scheduler limits (Microsoft's published ones by default). */
  scheduler?: SchedulerOptions;
  /** Users kept at once (100 by default); the least recently used is closed first. */
  maxUsers?: number;
  /** Receives every secret (the app's client secret) so logs and the audit log can scrub it. */
  registerSecret?: (value: string) => void;
  /** Epoch milliseconds, for when a kept Graph token is renewed (Date.now by default). */
  now?: () => number;
}

export interface DelegatedConnection {
  graph: GraphClient;
  /** The admin APIs beyond Graph are not reached on a user's behalf: undefined (see README). */
  admin: AdminApis | undefined;
}

/** Why a call cannot be made on behalf of its caller; the message says what to do. */
export class DelegatedCallError extends Error {
  override readonly name = 'DelegatedCallError';
}

interface UserConnection {
  graph: GraphClient;
  credential: SwappableCredential;
  assertion: string;
}

export class DelegatedConnections {
  readonly #options: DelegatedConnectionsOptions;
  readonly #maxUsers: number;
  /** Insertion order is use order: the first key is the least recently used. */
  readonly #users = new Map<string, UserConnection>();
  /** Graph throttles per app per tenant: one scheduler per tenant, shared by its users. */
  readonly #schedulers = new Map<string, Scheduler>();
  #closed = false;

  constructor(options: DelegatedConnectionsOptions) {
    this.#options = options;
    this.#maxUsers = options.maxUsers ?? defaultMaxDelegatedUsers;
    if (!Number.isInteger(this.#maxUsers) || this.#maxUsers < 1) {
      throw new Error(`maxUsers must be a positive integer; got ${String(options.maxUsers)}.`);
    }
  }

  /** How many users have a connection now. */
  get size(): number {
    return this.#users.size;
  }

  /**
   * The caller's own Graph connection: made from their assertion on first use, reused (with the
   * newest assertion) afterwards. With a tenants registry, `tenant` must be the user's own tenant.
   */
  async connection(caller: HttpCaller, tenant: ToolTenant | undefined): Promise<DelegatedConnection> {
    if (this.#closed) throw new DelegatedCallError('The delegated connections are closed.');
    const assertion = caller.assertion;
    if (assertion === undefined || assertion === '') {
      throw new DelegatedCallError(
        `Graph is called on behalf of the signed-in user, but ${caller.auditName} presented no Entra user token: sign in with Entra ID.`,
      );
    }
    const user = userOf(caller, assertion);
    if (tenant !== undefined && tenant.tenantId.toLowerCase() !== user.tenantId.toLowerCase()) {
      // An MSP's staff sign in to their own tenant; acting in a customer's tenant on their behalf
      // would need a guest account there and its own token. Refused, not attempted.
      throw new DelegatedCallError(
        `${caller.auditName} is signed in to tenant ${user.tenantId}; on behalf of a user this server reaches only the user's own tenant, so tenant "${tenant.name}" (${tenant.tenantId}) cannot be used. Sign in to that tenant, or ask for your own tenant.`,
      );
    }
    const key = `${entraPrincipal(user.tenantId, user.objectId)}|${tenant?.tenantId.toLowerCase() ?? ''}`;
    const known = this.#users.get(key);
    if (known !== undefined) {
      this.#users.delete(key);
      this.#users.set(key, known);
      if (known.assertion !== assertion) {
        known.credential.swap(this.#exchange(assertion, tenant));
        known.assertion = assertion;
      }
      return { graph: known.graph, admin: undefined };
    }
    const credential = new SwappableCredential(this.#exchange(assertion, tenant), this.#options.now);
    const graph = createGraphClient({
      credential,
      cloud: this.#cloud(tenant),
      scheduler: this.#scheduler(user.tenantId),
      ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
    });
    this.#users.set(key, { graph, credential, assertion });
    while (this.#users.size > this.#maxUsers) {
      const [oldest, evicted] = this.#users.entries().next().value as [string, UserConnection];
      this.#users.delete(oldest);
      void evicted.graph.close();
    }
    return { graph, admin: undefined };
  }

  /** Closes every user's connection. */
  async close(): Promise<void> {
    this.#closed = true;
    const users = [...this.#users.values()];
    this.#users.clear();
    await Promise.all(users.map((user) => user.graph.close()));
  }

  #environment(tenant: ToolTenant | undefined): Record<string, string | undefined> {
    const { registry, env } = this.#options;
    if (registry === undefined || tenant === undefined) return env;
    return tenantEnvironment(registry, resolveTenant(registry, tenant.tenantId), env);
  }

  #cloud(tenant: ToolTenant | undefined) {
    return resolveCloud(this.#environment(tenant));
  }

  #exchange(assertion: string, tenant: ToolTenant | undefined): TokenCredential {
    const env = this.#environment(tenant);
    const app = serverAppCredentialsFromEnv(env, this.#options.registerSecret);
    return onBehalfOfCredential({
      ...app,
      userAssertion: assertion,
      cloud: resolveCloud(env),
      ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
    });
  }

  #scheduler(tenantId: string): Scheduler {
    const id = tenantId.toLowerCase();
    let scheduler = this.#schedulers.get(id);
    if (scheduler === undefined) {
      scheduler = new Scheduler(this.#options.scheduler);
      this.#schedulers.set(id, scheduler);
    }
    return scheduler;
  }
}

/** The user a caller is: from the identity the authenticator established, else from the assertion's claims. */
function userOf(caller: HttpCaller, assertion: string): { tenantId: string; objectId: string } {
  if (caller.identity?.kind === 'user') {
    return { tenantId: caller.identity.tenantId, objectId: caller.identity.objectId };
  }
  let claims: ReturnType<typeof decodeUserToken>;
  try {
    claims = decodeUserToken(assertion);
  } catch {
    throw new DelegatedCallError(`The token ${caller.auditName} presented is not an Entra access token.`);
  }
  if (claims.tenantId === undefined || claims.objectId === undefined || claims.scopes.length === 0) {
    throw new DelegatedCallError(
      `The token ${caller.auditName} presented is not a user's token (no tid, oid or scp): on behalf of an app nothing can be called.`,
    );
  }
  return { tenantId: claims.tenantId, objectId: claims.objectId };
}
