// The assessment contract between the servers and their clients (m365-posture): a server marks one
// tool as its assessment under this `_meta` key in tools/list, and its result carries one of these
// overall statuses. Plain values, so a client can read them without loading any MCP code.
import { z } from 'zod';

export const assessmentMetaKey = 'm365-mcp/assessment';

export const postureStatuses = ['critical', 'warning', 'ok', 'unknown'] as const;
export const postureStatusSchema = z.enum(postureStatuses);
export type PostureStatus = z.infer<typeof postureStatusSchema>;
