// The slices of Graph's site, drive and driveItem this server reads, parsed from Graph's answers.
import { z } from 'zod';

export const siteSchema = z
  .object({
    id: z.string().min(1),
    displayName: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
    webUrl: z.string().nullable().optional(),
    isPersonalSite: z.boolean().nullable().optional(),
  })
  .passthrough();
export type GraphSite = z.infer<typeof siteSchema>;

export const SITE_SELECT = 'id,displayName,name,webUrl,isPersonalSite';

const identitySchema = z
  .object({ displayName: z.string().nullable().optional(), email: z.string().nullable().optional() })
  .passthrough();

export const driveSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().nullable().optional(),
    driveType: z.string().nullable().optional(),
    webUrl: z.string().nullable().optional(),
    owner: z
      .object({ user: identitySchema.optional(), group: identitySchema.optional() })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();
export type GraphDrive = z.infer<typeof driveSchema>;

export const DRIVE_SELECT = 'id,name,driveType,webUrl,owner';

export const driveItemSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().nullable().optional(),
    webUrl: z.string().nullable().optional(),
    size: z.number().nullable().optional(),
    folder: z.object({}).passthrough().nullable().optional(),
    file: z.object({ mimeType: z.string().nullable().optional() }).passthrough().nullable().optional(),
    root: z.object({}).passthrough().nullable().optional(),
    deleted: z.object({}).passthrough().nullable().optional(),
    parentReference: z.object({ id: z.string().nullable().optional() }).passthrough().nullable().optional(),
    shared: z.object({ scope: z.string().nullable().optional() }).passthrough().nullable().optional(),
  })
  .passthrough();
export type GraphDriveItem = z.infer<typeof driveItemSchema>;

/** Only what the audit needs: the `shared` facet says which items have permissions worth reading. */
export const DELTA_SELECT = 'id,name,webUrl,size,folder,file,root,deleted,parentReference,shared';

/** Graph's largest delta page; fewer pages, fewer requests and resource units. */
export const DELTA_PAGE_SIZE = 1000;

/** A site as the audit reports it. */
export interface SiteRef {
  id: string;
  displayName: string;
  webUrl: string;
  isPersonalSite: boolean;
}

export interface DriveRef {
  id: string;
  siteId: string;
  name: string;
  driveType: string;
  webUrl: string;
  /** The library's owner (a group for a team site, the person for a OneDrive). */
  owner?: string;
}

export function siteRef(site: GraphSite): SiteRef {
  return {
    id: site.id,
    displayName: site.displayName ?? site.name ?? site.webUrl ?? site.id,
    webUrl: site.webUrl ?? '',
    isPersonalSite: site.isPersonalSite ?? false,
  };
}

export function driveRef(siteId: string, drive: GraphDrive): DriveRef {
  const owner = drive.owner?.group ?? drive.owner?.user;
  const ownerName = owner?.displayName ?? owner?.email ?? undefined;
  return {
    id: drive.id,
    siteId,
    name: drive.name ?? drive.id,
    driveType: drive.driveType ?? 'documentLibrary',
    webUrl: drive.webUrl ?? '',
    ...(ownerName ? { owner: ownerName } : {}),
  };
}
