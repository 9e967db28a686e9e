// The part of Graph's `permission` resource this server reads, parsed leniently: SharePoint adds
// and deprecates fields, and an unknown extra must never fail an audit.
import { z } from 'zod';

const identitySchema = z
  .object({
    id: z.string().optional(),
    displayName: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    loginName: z.string().nullable().optional(),
  })
  .passthrough();

const identitySetSchema = z
  .object({
    user: identitySchema.optional(),
    siteUser: identitySchema.optional(),
    group: identitySchema.optional(),
    siteGroup: identitySchema.optional(),
    application: identitySchema.optional(),
  })
  .passthrough();

export const graphPermissionSchema = z
  .object({
    id: z.string(),
    roles: z.array(z.string()).default([]),
    link: z
      .object({
        scope: z.string().optional(),
        type: z.string().optional(),
        webUrl: z.string().optional(),
        preventsDownload: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    grantedToV2: identitySetSchema.optional(),
    grantedToIdentitiesV2: z.array(identitySetSchema).optional(),
    invitation: z.object({ email: z.string().nullable().optional() }).passthrough().optional(),
    expirationDateTime: z.string().nullable().optional(),
    hasPassword: z.boolean().optional(),
    inheritedFrom: z.object({ id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export type GraphPermission = z.infer<typeof graphPermissionSchema>;
export type GraphIdentitySet = z.infer<typeof identitySetSchema>;
