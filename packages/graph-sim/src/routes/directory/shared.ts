// What the directory routes share: finding objects, rendering directory objects the way Graph
// does (with @odata.type), role and licence checks that Graph makes beyond the route's own
// permission, body parsing, and the audit entries that writes leave behind.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isExpanded } from '../../engine/odata/expand.js';
import { badRequest, GraphSimError, type RouteContext } from '../../engine/route.js';
import { hasEntraIdP1, hasEntraIdP2 } from '../../tenant/demo/directory/licences.js';
import type { DirectoryData, GraphEntity, GraphUser } from '../../tenant/directory.js';

export function dir(ctx: RouteContext): DirectoryData {
  return ctx.tenant.directory;
}

/** Directory APIs answer a missing object with this code, not the generic itemNotFound. */
export function resourceNotFound(id: string): GraphSimError {
  return new GraphSimError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw badRequest(`Missing path segment '${name}'.`);
  return value;
}

/** A user by object id or user principal name (case-insensitive), as /users/{id | userPrincipalName}. */
export function findUser(directory: DirectoryData, idOrUpn: string): GraphUser | undefined {
  const key = idOrUpn.toLowerCase();
  return directory.users.find(
    (u) => u.id === key || u.id === idOrUpn || u.userPrincipalName.toLowerCase() === key,
  );
}

export function requireUser(directory: DirectoryData, idOrUpn: string): GraphUser {
  const user = findUser(directory, idOrUpn);
  if (!user) throw resourceNotFound(idOrUpn);
  return user;
}

export function findById<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  const key = id.toLowerCase();
  return items.find((item) => item.id.toLowerCase() === key);
}

export function requireById<T extends { id: string }>(items: readonly T[], id: string): T {
  const item = findById(items, id);
  if (!item) throw resourceNotFound(id);
  return item;
}

/** Properties Graph returns for a user when the request has no $select (learn: user resource). */
const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

function mentions(text: string | undefined, property: string): boolean {
  return text !== undefined && new RegExp(`\\b${property}\\b`, 'i').test(text);
}

/** True when the request reads `signInActivity` (in $select, $filter or $orderby). */
export function readsSignInActivity(ctx: RouteContext): boolean {
  const selected = ctx.query.select?.some((p) => p.toLowerCase() === 'signinactivity') ?? false;
  return (
    selected || mentions(ctx.query.filter, 'signInActivity') || mentions(ctx.query.orderby, 'signInActivity')
  );
}

/**
 * The user as Graph renders it for this request. Without $select Graph returns only the default
 * property set; properties the $filter or $orderby read are kept too, because the engine applies
 * those to what the route returns. `signInActivity` only appears when the request reads it.
 */
export function renderUser(ctx: RouteContext, user: GraphUser): Record<string, unknown> {
  const withActivity = readsSignInActivity(ctx);
  if (ctx.query.select && ctx.query.select.length > 0) {
    if (withActivity) return { ...user };
    const { signInActivity: _hidden, ...rest } = user;
    return rest;
  }
  const out: Record<string, unknown> = {};
  for (const key of USER_DEFAULT_PROPERTIES) out[key] = user[key] ?? null;
  for (const [key, value] of Object.entries(user)) {
    if (key === 'signInActivity' && !withActivity) continue;
    if (mentions(ctx.query.filter, key) || mentions(ctx.query.orderby, key)) out[key] = value;
  }
  return out;
}

/**
 * A directory object (user, group or service principal) by id, with its `@odata.type`. Listed as
 * members, users follow the request's $select like /users; expanded (`$expand=principal`) they
 * carry their properties, as in Graph's roleAssignments example, but never signInActivity.
 */
export function directoryObject(
  ctx: RouteContext,
  id: string,
  as: 'member' | 'expanded' = 'member',
): Record<string, unknown> | undefined {
  const directory = dir(ctx);
  const user = directory.users.find((u) => u.id === id);
  if (user) {
    if (as === 'member') return { '@odata.type': '#microsoft.graph.user', ...renderUser(ctx, user) };
    const { signInActivity: _hidden, ...properties } = user;
    return { '@odata.type': '#microsoft.graph.user', ...properties };
  }
  const group = directory.groups.find((g) => g.id === id);
  if (group) return { '@odata.type': '#microsoft.graph.group', ...group };
  const sp = directory.servicePrincipals.find((s) => s.id === id);
  if (sp) return { '@odata.type': '#microsoft.graph.servicePrincipal', ...sp };
  return undefined;
}

export function hasRole(ctx: RouteContext, role: string): boolean {
  return ctx.app.roles.some((r) => r.toLowerCase() === role.toLowerCase());
}

/** Graph's answer when a property or query needs an application role beyond the route's own. */
export function requireAnyRole(ctx: RouteContext, roles: readonly string[], what: string): void {
  if (roles.some((role) => hasRole(ctx, role))) return;
  throw new GraphSimError(
    403,
    'Authorization_RequestDenied',
    `Insufficient privileges to complete the operation. Reading ${what} requires one of: ${roles.join(', ')}.`,
  );
}

/** Sign-in data (signInActivity, sign-in logs, registration report) needs Entra ID P1 or P2. */
export function requireEntraIdP1(ctx: RouteContext): void {
  if (hasEntraIdP1(dir(ctx))) return;
  throw new GraphSimError(
    403,
    'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    "Neither tenant is B2C or tenant doesn't have premium license",
  );
}

/** Identity Protection's risk data needs Entra ID P2; Graph answers 403 without it. */
export function requireEntraIdP2ForRisk(ctx: RouteContext): void {
  if (hasEntraIdP2(dir(ctx))) return;
  throw new GraphSimError(
    403,
    'Forbidden',
    'Your tenant is not licensed for this feature: Microsoft Entra ID Identity Protection requires a Microsoft Entra ID P2 license.',
  );
}

/** Privileged Identity Management's schedule APIs need Entra ID P2 (or ID Governance). */
export function requireEntraIdP2ForPim(ctx: RouteContext): void {
  if (hasEntraIdP2(dir(ctx))) return;
  throw new GraphSimError(
    400,
    'AadPremiumLicenseRequired',
    'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
  );
}

/** True when the request expands `navigation` (a path for nested ones: `policy/rules`). */
export function expands(ctx: RouteContext, navigation: string): boolean {
  return isExpanded(ctx.query, navigation);
}

/** Parses a request body; anything that does not match is Graph's 400 Request_BadRequest. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
    throw new GraphSimError(
      400,
      'Request_BadRequest',
      `Invalid request body${where}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return result.data;
}

export interface AuditChange {
  activity: string;
  category: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign';
  loggedByService?: string;
  target: { id: string; displayName: string | null; type: string; userPrincipalName?: string | null };
  modifiedProperties: { displayName: string; oldValue: unknown; newValue: unknown }[];
}

/** Writes leave a directory audit entry, newest first, initiated by the calling app. */
export function recordAudit(ctx: RouteContext, change: AuditChange): void {
  const when = new Date().toISOString();
  const correlationId = randomUUID();
  const entry: GraphEntity = {
    id: `Directory_${correlationId}`,
    category: change.category,
    correlationId,
    result: 'success',
    resultReason: '',
    activityDisplayName: change.activity,
    activityDateTime: when,
    loggedByService: change.loggedByService ?? 'Core Directory',
    operationType: change.operationType,
    initiatedBy: {
      user: null,
      app: {
        appId: ctx.app.clientId,
        displayName: null,
        servicePrincipalId: null,
        servicePrincipalName: null,
      },
    },
    targetResources: [
      {
        id: change.target.id,
        displayName: change.target.displayName,
        type: change.target.type,
        userPrincipalName: change.target.userPrincipalName ?? null,
        groupType: null,
        modifiedProperties: change.modifiedProperties.map((p) => ({
          displayName: p.displayName,
          oldValue: p.oldValue === undefined ? null : JSON.stringify(p.oldValue),
          newValue: p.newValue === undefined ? null : JSON.stringify(p.newValue),
        })),
      },
    ],
    additionalDetails: [],
  };
  dir(ctx).directoryAudits.unshift(entry);
}

/** Graph's JSON for an OData action that returns a boolean, e.g. revokeSignInSessions. */
export function booleanResult(ctx: RouteContext, value: boolean) {
  return {
    kind: 'raw' as const,
    status: 200,
    contentType:
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    body: JSON.stringify({ '@odata.context': `${ctx.baseUrl}/$metadata#Edm.Boolean`, value }),
  };
}
