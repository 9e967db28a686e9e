// Directory reads: the registration report, conditional access, Security Defaults, users with their
// sign-in activity. One read per resource; each capped, and honest about it.
import { f, type GraphClient } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { Fetched } from './read-identity-protection.js';
import {
  type ConditionalAccessPolicy,
  conditionalAccessPolicySchema,
  type GraphUserRecord,
  type RegistrationDetails,
  registrationDetailsSchema,
  securityDefaultsSchema,
  userSchema,
} from './schemas.js';

const MAX_REGISTRATION_ROWS = 20_000;
const MAX_POLICIES = 500;
const MAX_USERS = 20_000;

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** The authentication methods report; it takes no $select or $top (Graph refuses them). */
export async function readRegistrationDetails(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<Fetched<RegistrationDetails>> {
  const result = await graph.list('/reports/authenticationMethods/userRegistrationDetails', {
    schema: registrationDetailsSchema,
    maxItems: MAX_REGISTRATION_ROWS,
    ...withSignal(signal),
  });
  return { items: result.items, complete: result.complete };
}

export async function readConditionalAccessPolicies(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<Fetched<ConditionalAccessPolicy>> {
  const result = await graph.list('/identity/conditionalAccess/policies', {
    schema: conditionalAccessPolicySchema,
    maxItems: MAX_POLICIES,
    ...withSignal(signal),
  });
  return { items: result.items, complete: result.complete };
}

export async function readSecurityDefaultsEnabled(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<boolean> {
  const policy = await graph.get('/policies/identitySecurityDefaultsEnforcementPolicy', {
    schema: securityDefaultsSchema,
    query: { $select: 'isEnabled' },
    ...withSignal(signal),
  });
  return policy.isEnabled;
}

export const userSelect =
  'id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled,assignedLicenses';

/** Every user with sign-in activity (needs AuditLog.Read.All and Entra ID P1); pages of 500. */
export async function readUsersWithSignIn(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<Fetched<GraphUserRecord>> {
  const result = await graph.list('/users', {
    schema: userSchema,
    pageSize: 500,
    maxItems: MAX_USERS,
    query: { $select: `${userSelect},signInActivity` },
    ...withSignal(signal),
  });
  return { items: result.items, complete: result.complete };
}

const idOnly = z.object({ id: z.string() });

/**
 * Ids (lower case) of the disabled accounts, for the checks whose source does not say (the
 * registration report, Identity Protection): one paged read, a few pages even in a large tenant.
 * When capped, the rest count as enabled, so nothing is hidden by the cap.
 */
export async function readDisabledUserIds(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<{ ids: Set<string>; complete: boolean }> {
  const result = await graph.list('/users', {
    schema: idOnly,
    pageSize: 999,
    maxItems: MAX_USERS,
    query: { $filter: f.eq('accountEnabled', false), $select: 'id' },
    ...withSignal(signal),
  });
  return { ids: new Set(result.items.map((u) => u.id.toLowerCase())), complete: result.complete };
}
