// /users: list, get (by id or UPN), update, revoke sessions, authentication methods.
import { z } from 'zod';
import type { RouteContext, RouteDefinition } from '../../engine/route.js';
import { stableId } from '../../tenant/demo/directory/ids.js';
import type { UserRegistrationDetails } from '../../tenant/directory.js';
import {
  booleanResult,
  dir,
  param,
  parseBody,
  readsSignInActivity,
  recordAudit,
  renderUser,
  requireAnyRole,
  requireEntraIdP1,
  requireUser,
} from './shared.js';

/** signInActivity needs AuditLog.Read.All on top of a user read permission (and Entra ID P1). */
function checkSignInActivity(ctx: RouteContext): void {
  if (!readsSignInActivity(ctx)) return;
  requireAnyRole(ctx, ['AuditLog.Read.All'], 'signInActivity');
  requireEntraIdP1(ctx);
}

/** The user properties the simulator lets a PATCH change (Graph allows more; the servers need these). */
const userPatch = z
  .object({
    accountEnabled: z.boolean(),
    displayName: z.string().min(1).max(256),
    givenName: z.string().max(64).nullable(),
    surname: z.string().max(64).nullable(),
    jobTitle: z.string().max(128).nullable(),
    department: z.string().max(64).nullable(),
    officeLocation: z.string().max(128).nullable(),
    mobilePhone: z.string().max(64).nullable(),
    usageLocation: z.string().length(2).nullable(),
  })
  .partial()
  .strict();

function authenticationMethods(details: UserRegistrationDetails | undefined, userId: string): object[] {
  const methods: object[] = [
    {
      '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
      id: '28c10230-6103-485e-b985-444c60001490',
      password: null,
      createdDateTime: null,
    },
  ];
  for (const name of details?.methodsRegistered ?? []) {
    const id = stableId(`authenticationMethod/${userId}/${name}`);
    switch (name) {
      case 'microsoftAuthenticatorPush':
      case 'microsoftAuthenticatorPasswordless':
        methods.push({
          '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
          id,
          displayName: 'iPhone 15',
          deviceTag: 'SoftwareTokenActivated',
          phoneAppVersion: '6.8.7',
          createdDateTime: details?.lastUpdatedDateTime ?? null,
        });
        break;
      case 'fido2':
        methods.push({
          '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
          id,
          displayName: 'Security key',
          aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
          model: 'YubiKey 5 Series',
          attestationCertificates: [],
          attestationLevel: 'attested',
          createdDateTime: details?.lastUpdatedDateTime ?? null,
        });
        break;
      case 'windowsHelloForBusiness':
        methods.push({
          '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
          id,
          displayName: 'CONTOSO-LAPTOP',
          keyStrength: 'normal',
          createdDateTime: details?.lastUpdatedDateTime ?? null,
        });
        break;
      case 'softwareOneTimePasscode':
        methods.push({
          '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethod',
          id,
          secretKey: null,
        });
        break;
      case 'mobilePhone':
        methods.push({
          '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
          id: '3179e48a-750b-4051-897c-87b9720928f7',
          phoneNumber: '+1 4255550199',
          phoneType: 'mobile',
          smsSignInState: 'notEnabled',
        });
        break;
      case 'email':
        methods.push({
          '@odata.type': '#microsoft.graph.emailAuthenticationMethod',
          id: '3ddfcfc8-9383-446f-83cc-3ab9be4be18f',
          emailAddress: 'personal@example.com',
        });
        break;
    }
  }
  return methods;
}

export const userRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/users',
    workload: 'directory',
    cost: 2,
    pageSize: 100,
    maxPageSize: 999,
    handler(ctx) {
      checkSignInActivity(ctx);
      return { kind: 'collection', items: dir(ctx).users.map((u) => renderUser(ctx, u)), context: 'users' };
    },
  },
  {
    method: 'GET',
    path: '/users/{id}',
    workload: 'directory',
    handler(ctx) {
      checkSignInActivity(ctx);
      const user = requireUser(dir(ctx), param(ctx, 'id'));
      return { kind: 'entity', body: renderUser(ctx, user), context: 'users' };
    },
  },
  {
    method: 'PATCH',
    path: '/users/{id}',
    workload: 'directory',
    handler(ctx) {
      const user = requireUser(dir(ctx), param(ctx, 'id'));
      const patch = parseBody(userPatch, ctx.body);
      const changes = Object.entries(patch).map(([key, value]) => ({
        displayName: key,
        oldValue: user[key],
        newValue: value,
      }));
      Object.assign(user, patch);
      const disabling = patch.accountEnabled === false;
      recordAudit(ctx, {
        activity: disabling ? 'Disable account' : 'Update user',
        category: 'UserManagement',
        operationType: 'Update',
        target: { id: user.id, displayName: null, type: 'User', userPrincipalName: user.userPrincipalName },
        modifiedProperties: changes,
      });
      return { kind: 'noContent' };
    },
  },
  {
    method: 'POST',
    path: '/users/{id}/revokeSignInSessions',
    workload: 'directory',
    // The catalogue lists this path under two casings; the union is stated here so it cannot drift.
    permissions: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    handler(ctx) {
      const user = requireUser(dir(ctx), param(ctx, 'id'));
      const previous = user.signInSessionsValidFromDateTime;
      user.signInSessionsValidFromDateTime = new Date().toISOString();
      recordAudit(ctx, {
        activity: 'Invalidate all refresh tokens for user',
        category: 'UserManagement',
        operationType: 'Update',
        target: { id: user.id, displayName: null, type: 'User', userPrincipalName: user.userPrincipalName },
        modifiedProperties: [
          {
            displayName: 'StsRefreshTokensValidFrom',
            oldValue: previous,
            newValue: user.signInSessionsValidFromDateTime,
          },
        ],
      });
      return booleanResult(ctx, true);
    },
  },
  {
    method: 'GET',
    path: '/users/{id}/authentication/methods',
    workload: 'directory',
    handler(ctx) {
      const directory = dir(ctx);
      const user = requireUser(directory, param(ctx, 'id'));
      const details = directory.userRegistrationDetails.find((d) => d.id === user.id);
      return {
        kind: 'collection',
        items: authenticationMethods(details, user.id),
        context: `users('${user.id}')/authentication/methods`,
      };
    },
  },
];
