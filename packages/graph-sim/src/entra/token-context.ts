// What every grant handler of the token endpoint works with, for the tenant the path named.
import type { Tenant } from '../tenant/model.js';
import type { TenantGrant } from '../tenants/hosted-tenants.js';
import type { AppRoleAssignments } from './app-role-assignments.js';
import type { AppRegistry } from './apps.js';
import type { SigningKey } from './keys.js';
import type { UserSessions } from './user-sessions.js';

export interface TokenEndpointContext {
  tenant: Tenant;
  apps: AppRegistry;
  /** The app's consent in this tenant (its service principal there), or undefined when there is none. */
  grant: (clientId: string) => TenantGrant | undefined;
  signingKey: SigningKey;
  federation: { issuer: string; key: SigningKey };
  /** The token endpoint URLs of this tenant on the origin the client used (client assertion `aud`). */
  tokenEndpoints: readonly string[];
  /** The origin the client used: the v2.0 issuer's. */
  origin: string;
  appRoles: AppRoleAssignments;
  sessions: UserSessions;
}

export interface TokenSuccess {
  clientId: string;
  /** The signed-in user of a user flow (for the request log). */
  userId?: string;
  body: Record<string, unknown>;
}
