// Identity Protection: risky users (read, confirm compromised, dismiss) and risk detections. Needs
// Entra ID P2; throttled as identityProtection (about one request a second, no Retry-After).
import { z } from 'zod';
import type { RouteContext, RouteDefinition } from '../../engine/route.js';
import type { GraphEntity } from '../../tenant/directory.js';
import {
  dir,
  param,
  parseBody,
  recordAudit,
  requireById,
  requireEntraIdP2ForRisk,
  resourceNotFound,
} from './shared.js';

const userIdsBody = z.object({ userIds: z.array(z.guid()).min(1).max(60) }).strict();

const RISKY_USER_FILTERS = [
  'id',
  'riskLevel',
  'riskState',
  'riskDetail',
  'riskLastUpdatedDateTime',
  'userPrincipalName',
  'userDisplayName',
  'isDeleted',
  'isProcessing',
];

function riskyUserAction(
  action: 'confirmCompromised' | 'dismiss',
): (ctx: RouteContext) => { kind: 'noContent' } {
  return (ctx) => {
    requireEntraIdP2ForRisk(ctx);
    const directory = dir(ctx);
    const { userIds } = parseBody(userIdsBody, ctx.body);
    const now = new Date().toISOString();
    for (const userId of userIds) {
      const user = directory.users.find((u) => u.id === userId.toLowerCase());
      if (!user) throw resourceNotFound(userId);
      let risky: GraphEntity | undefined = directory.riskyUsers.find((r) => r.id === user.id);
      if (!risky) {
        // Confirming a user Identity Protection had not flagged makes them a (high-risk) risky user.
        if (action === 'dismiss') continue;
        risky = {
          id: user.id,
          isDeleted: false,
          isProcessing: false,
          userDisplayName: user.displayName,
          userPrincipalName: user.userPrincipalName,
        };
        directory.riskyUsers.push(risky);
      }
      const before = { riskLevel: risky.riskLevel, riskState: risky.riskState };
      if (action === 'confirmCompromised') {
        Object.assign(risky, {
          riskLevel: 'high',
          riskState: 'confirmedCompromised',
          riskDetail: 'adminConfirmedUserCompromised',
          riskLastUpdatedDateTime: now,
        });
      } else {
        Object.assign(risky, {
          riskLevel: 'none',
          riskState: 'dismissed',
          riskDetail: 'adminDismissedAllRiskForUser',
          riskLastUpdatedDateTime: now,
        });
      }
      recordAudit(ctx, {
        activity: action === 'dismiss' ? 'Dismiss user risk' : 'Confirm user compromised',
        category: 'UserManagement',
        operationType: 'Update',
        loggedByService: 'Identity Protection',
        target: {
          id: user.id,
          displayName: user.displayName,
          type: 'User',
          userPrincipalName: user.userPrincipalName,
        },
        modifiedProperties: [
          { displayName: 'RiskLevel', oldValue: before.riskLevel, newValue: risky.riskLevel },
          { displayName: 'RiskState', oldValue: before.riskState, newValue: risky.riskState },
        ],
      });
    }
    return { kind: 'noContent' };
  };
}

export const identityProtectionRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/identityProtection/riskyUsers',
    workload: 'identityProtection',
    pageSize: 100,
    maxPageSize: 500,
    filterable: RISKY_USER_FILTERS,
    handler(ctx) {
      requireEntraIdP2ForRisk(ctx);
      return { kind: 'collection', items: dir(ctx).riskyUsers, context: 'identityProtection/riskyUsers' };
    },
  },
  {
    method: 'GET',
    path: '/identityProtection/riskyUsers/{id}',
    workload: 'identityProtection',
    handler(ctx) {
      requireEntraIdP2ForRisk(ctx);
      return {
        kind: 'entity',
        body: requireById(dir(ctx).riskyUsers, param(ctx, 'id')),
        context: 'identityProtection/riskyUsers',
      };
    },
  },
  {
    method: 'POST',
    path: '/identityProtection/riskyUsers/confirmCompromised',
    workload: 'identityProtection',
    handler: riskyUserAction('confirmCompromised'),
  },
  {
    method: 'POST',
    path: '/identityProtection/riskyUsers/dismiss',
    workload: 'identityProtection',
    handler: riskyUserAction('dismiss'),
  },
  {
    method: 'GET',
    path: '/identityProtection/riskDetections',
    workload: 'identityProtection',
    // Documented: 20 per page by default, $top up to 500.
    pageSize: 20,
    maxPageSize: 500,
    handler(ctx) {
      requireEntraIdP2ForRisk(ctx);
      return {
        kind: 'collection',
        items: dir(ctx).riskDetections,
        context: 'identityProtection/riskDetections',
      };
    },
  },
];
