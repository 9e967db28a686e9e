// The tenant's SharePoint settings: a flat singleton (Graph's docs sample wraps it in `value`, the
// service does not; the tenant's `settingsShape` can ask for the documented shape), and PATCH for
// remediation.
import { z } from 'zod';
import { badRequest, type RouteDefinition } from '../../engine/route.js';
import type { SharePointSettings } from '../../tenant/sharepoint.js';

const domains = z.array(z.string().min(1).max(253)).max(1000);

const settingsUpdateSchema = z
  .object({
    allowedDomainGuidsForSyncApp: z.array(z.string().uuid()).max(1000),
    availableManagedPathsForSiteCreation: z.array(z.string()).max(100),
    deletedUserPersonalSiteRetentionPeriodInDays: z.number().int().min(30).max(3650),
    excludedFileExtensionsForSyncApp: z.array(z.string().max(32)).max(1000),
    idleSessionSignOut: z
      .object({
        isEnabled: z.boolean(),
        warnAfterInSeconds: z.number().int().min(0),
        signOutAfterInSeconds: z.number().int().min(0),
      })
      .strict(),
    imageTaggingOption: z.enum(['disabled', 'basic', 'enhanced']),
    isCommentingOnSitePagesEnabled: z.boolean(),
    isFileActivityNotificationEnabled: z.boolean(),
    isLegacyAuthProtocolsEnabled: z.boolean(),
    isLoopEnabled: z.boolean(),
    isMacSyncAppEnabled: z.boolean(),
    isRequireAcceptingUserToMatchInvitedUserEnabled: z.boolean(),
    isResharingByExternalUsersEnabled: z.boolean(),
    isSharePointMobileNotificationEnabled: z.boolean(),
    isSharePointNewsfeedEnabled: z.boolean(),
    isSiteCreationEnabled: z.boolean(),
    isSiteCreationUIEnabled: z.boolean(),
    isSitePagesCreationEnabled: z.boolean(),
    isSitesStorageLimitAutomatic: z.boolean(),
    isSyncButtonHiddenOnPersonalSite: z.boolean(),
    isUnmanagedSyncAppForTenantRestricted: z.boolean(),
    personalSiteDefaultStorageLimitInMB: z.number().int().min(1),
    sharingAllowedDomainList: domains,
    sharingBlockedDomainList: domains,
    sharingCapability: z.enum([
      'disabled',
      'externalUserSharingOnly',
      'externalUserAndGuestSharing',
      'existingExternalUserSharingOnly',
    ]),
    sharingDomainRestrictionMode: z.enum(['none', 'allowList', 'blockList']),
    siteCreationDefaultManagedPath: z.string(),
    siteCreationDefaultStorageLimitInMB: z.number().int().min(1),
    tenantDefaultTimezone: z.string().max(200),
  })
  .partial()
  .strict();

export const settingsRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/admin/sharepoint/settings',
    workload: 'sharepoint',
    cost: 1,
    handler: (ctx) => {
      const { settings, settingsShape } = ctx.tenant.sharepoint;
      return {
        kind: 'entity',
        body: settingsShape === 'valueWrapped' ? { value: settings } : settings,
        context: 'admin/sharepoint/settings',
      };
    },
  },
  {
    method: 'PATCH',
    path: '/admin/sharepoint/settings',
    workload: 'sharepoint',
    handler: (ctx) => {
      const parsed = settingsUpdateSchema.safeParse(ctx.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` '${issue.path.join('.')}'` : '';
        throw badRequest(`Invalid value for property${where}: ${issue?.message ?? 'malformed body'}.`);
      }
      const settings: SharePointSettings = ctx.tenant.sharepoint.settings;
      Object.assign(settings, parsed.data);
      return { kind: 'entity', body: settings, context: 'admin/sharepoint/settings' };
    },
  },
];
