// Policy singletons under /policies, group settings, and the writes remediation needs
// (authorization policy flags, admin consent workflow).
import { z } from 'zod';
import type { RouteDefinition } from '../../engine/route.js';
import { graphSchema } from '../../schema/graph-schema.js';
import { dir, expands, param, parseBody, recordAudit, requireById } from './shared.js';

const authorizationPolicyPatch = z
  .object({
    allowInvitesFrom: z.enum([
      'none',
      'adminsAndGuestInviters',
      'adminsGuestInvitersAndAllMembers',
      'everyone',
    ]),
    allowedToSignUpEmailBasedSubscriptions: z.boolean(),
    allowedToUseSSPR: z.boolean(),
    allowEmailVerifiedUsersToJoinOrganization: z.boolean(),
    allowUserConsentForRiskyApps: z.boolean().nullable(),
    blockMsolPowerShell: z.boolean().nullable(),
    guestUserRoleId: z.guid(),
    displayName: z.string().min(1),
    description: z.string(),
    defaultUserRolePermissions: z
      .object({
        allowedToCreateApps: z.boolean(),
        allowedToCreateSecurityGroups: z.boolean(),
        allowedToCreateTenants: z.boolean().nullable(),
        allowedToReadBitlockerKeysForOwnedDevice: z.boolean().nullable(),
        allowedToReadOtherUsers: z.boolean(),
        permissionGrantPoliciesAssigned: z.array(z.string().max(256)).max(20),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

const adminConsentRequestPolicyUpdate = z
  .object({
    isEnabled: z.boolean(),
    notifyReviewers: z.boolean(),
    remindersEnabled: z.boolean(),
    requestDurationInDays: z.number().int().min(0).max(30),
    reviewers: z
      .array(
        z
          .object({
            query: z.string().max(512),
            queryType: z.string().max(64).optional(),
            queryRoot: z.string().max(64).nullable().optional(),
          })
          .strict(),
      )
      .max(25),
    version: z.number().int(),
  })
  .partial()
  .strict();

function modified(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(after).map((key) => ({ displayName: key, oldValue: before[key], newValue: after[key] }));
}

function adminConsentUpdateHandler(): RouteDefinition['handler'] {
  return (ctx) => {
    const policy = dir(ctx).policies.adminConsentRequestPolicy;
    const update = parseBody(adminConsentRequestPolicyUpdate, ctx.body);
    const before = { ...policy };
    const { version: _clientVersion, ...fields } = update;
    Object.assign(policy, fields);
    // Graph bumps the version on every update; the client's value is informational.
    policy.version = (typeof before.version === 'number' ? before.version : 0) + 1;
    recordAudit(ctx, {
      activity: 'Update admin consent request policy',
      category: 'Policy',
      operationType: 'Update',
      target: {
        id: 'adminConsentRequestPolicy',
        displayName: 'Admin consent request policy',
        type: 'Policy',
      },
      modifiedProperties: modified(before, fields),
    });
    return { kind: 'noContent' };
  };
}

function singleton(
  path: string,
  context: string,
  read: (ctx: Parameters<RouteDefinition['handler']>[0]) => object,
  permissions?: readonly string[],
): RouteDefinition {
  return {
    method: 'GET',
    path,
    workload: 'directory',
    ...(permissions ? { permissions } : {}),
    handler: (ctx) =>
      // Beta models some policies as a collection of one (beta's /policies/authorizationPolicy).
      graphSchema(ctx.version).route('GET', path)?.collection
        ? { kind: 'collection', items: [read(ctx)], context }
        : { kind: 'entity', body: read(ctx), context },
  };
}

export const policyRoutes: readonly RouteDefinition[] = [
  singleton(
    '/policies/authorizationPolicy',
    'policies/authorizationPolicy',
    (ctx) => dir(ctx).policies.authorizationPolicy,
  ),
  {
    method: 'PATCH',
    path: '/policies/authorizationPolicy',
    workload: 'directory',
    handler(ctx) {
      const policy = dir(ctx).policies.authorizationPolicy;
      const patch = parseBody(authorizationPolicyPatch, ctx.body);
      const before = structuredClone(policy);
      const { defaultUserRolePermissions, ...top } = patch;
      Object.assign(policy, top);
      if (defaultUserRolePermissions) {
        const current = (policy.defaultUserRolePermissions ?? {}) as Record<string, unknown>;
        policy.defaultUserRolePermissions = { ...current, ...defaultUserRolePermissions };
      }
      const changes = modified(before, top);
      if (defaultUserRolePermissions) {
        changes.push(
          ...modified(
            (before.defaultUserRolePermissions ?? {}) as Record<string, unknown>,
            defaultUserRolePermissions,
          ).map((c) => ({ ...c, displayName: `DefaultUserRolePermissions.${c.displayName}` })),
        );
      }
      recordAudit(ctx, {
        activity: 'Update authorization policy',
        category: 'Policy',
        operationType: 'Update',
        target: { id: 'authorizationPolicy', displayName: 'Authorization Policy', type: 'Policy' },
        modifiedProperties: changes,
      });
      return { kind: 'noContent' };
    },
  },
  singleton(
    '/policies/identitySecurityDefaultsEnforcementPolicy',
    'policies/identitySecurityDefaultsEnforcementPolicy',
    (ctx) => dir(ctx).policies.identitySecurityDefaultsEnforcementPolicy,
  ),
  singleton(
    '/policies/authenticationMethodsPolicy',
    'policies/authenticationMethodsPolicy',
    (ctx) => dir(ctx).policies.authenticationMethodsPolicy,
  ),
  {
    method: 'GET',
    path: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}',
    workload: 'directory',
    handler(ctx) {
      const configurations = dir(ctx).policies.authenticationMethodsPolicy.authenticationMethodConfigurations;
      const list = Array.isArray(configurations) ? (configurations as { id: string }[]) : [];
      return {
        kind: 'entity',
        body: requireById(list, param(ctx, 'id')),
        context: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations',
      };
    },
  },
  singleton(
    '/policies/adminConsentRequestPolicy',
    'policies/adminConsentRequestPolicy',
    (ctx) => dir(ctx).policies.adminConsentRequestPolicy,
  ),
  // Graph documents PUT for this update; PATCH is accepted too because remediation code may use it.
  {
    method: 'PUT',
    path: '/policies/adminConsentRequestPolicy',
    workload: 'directory',
    handler: adminConsentUpdateHandler(),
  },
  {
    method: 'PATCH',
    path: '/policies/adminConsentRequestPolicy',
    workload: 'directory',
    // The catalogue only knows PUT for this path; same permissions.
    permissions: ['Policy.ReadWrite.ConsentRequest', 'Directory.ReadWrite.All'],
    handler: adminConsentUpdateHandler(),
  },
  singleton(
    '/policies/crossTenantAccessPolicy/default',
    'policies/crossTenantAccessPolicy/default',
    (ctx) => dir(ctx).policies.crossTenantAccessPolicyDefault,
  ),
  singleton(
    '/policies/deviceRegistrationPolicy',
    'policies/deviceRegistrationPolicy',
    (ctx) => dir(ctx).policies.deviceRegistrationPolicy,
  ),
  {
    method: 'GET',
    path: '/policies/roleManagementPolicyAssignments',
    workload: 'directory',
    expand: ['policy', 'policy/rules'],
    filterable: ['scopeId', 'scopeType', 'roleDefinitionId', 'policyId', 'id'],
    handler(ctx) {
      const withPolicy = expands(ctx, 'policy');
      const withRules = expands(ctx, 'policy/rules');
      const items = dir(ctx).policies.roleManagementPolicyAssignments.map((assignment) => {
        const { policy, ...rest } = assignment;
        if (!withPolicy) return rest;
        if (withRules || typeof policy !== 'object' || policy === null) return { ...rest, policy };
        const { rules: _rules, ...policyOnly } = policy as Record<string, unknown>;
        return { ...rest, policy: policyOnly };
      });
      return { kind: 'collection', items, context: 'policies/roleManagementPolicyAssignments' };
    },
  },
  {
    method: 'GET',
    path: '/groupSettings',
    workload: 'directory',
    handler: (ctx) => ({ kind: 'collection', items: dir(ctx).groupSettings, context: 'groupSettings' }),
  },
];
