import { z } from 'zod';

/** The incident fields every incident view shows; each tool adds what its question needs. */
export const incidentCoreSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  severity: z.string(),
  status: z.string(),
  assignedTo: z.string().nullable(),
  classification: z.string().nullable(),
  determination: z.string().nullable(),
  createdDateTime: z.string(),
  incidentWebUrl: z.string().nullable(),
});
