// The bodies of the security write calls, parsed strictly: Graph rejects unknown properties and
// values outside the enums with 400.
import { z } from 'zod';
import { badRequest } from '../../engine/route.js';

const classification = z.enum([
  'unknown',
  'falsePositive',
  'truePositive',
  'informationalExpectedActivity',
  'unknownFutureValue',
]);
const determination = z.enum([
  'unknown',
  'apt',
  'malware',
  'securityPersonnel',
  'securityTesting',
  'unwantedSoftware',
  'other',
  'multiStagedAttack',
  'compromisedAccount',
  'phishing',
  'maliciousUserActivity',
  'notMalicious',
  'notEnoughDataToValidate',
  'confirmedActivity',
  'lineOfBusinessApplication',
  'unknownFutureValue',
]);
const assignee = z.string().max(256).nullable();

export const alertUpdateSchema = z
  .object({
    status: z.enum(['new', 'inProgress', 'resolved', 'unknownFutureValue']).optional(),
    classification: classification.optional(),
    determination: determination.optional(),
    assignedTo: assignee.optional(),
  })
  .strict();

export const incidentUpdateSchema = z
  .object({
    status: z.enum(['active', 'resolved', 'inProgress', 'redirected', 'awaitingAction']).optional(),
    classification: classification.optional(),
    determination: determination.optional(),
    assignedTo: assignee.optional(),
    customTags: z.array(z.string().max(256)).max(100).optional(),
    description: z.string().max(10_000).nullable().optional(),
    resolvingComment: z.string().max(10_000).nullable().optional(),
    summary: z.string().max(10_000).nullable().optional(),
  })
  .strict();

export const commentSchema = z
  .object({ '@odata.type': z.string().optional(), comment: z.string().min(1).max(30_000) })
  .strict();

/** Parses a request body, answering Graph's 400 with the first problem when it does not fit. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
    throw badRequest(`Invalid request body${where}: ${issue?.message ?? 'malformed'}.`);
  }
  return parsed.data;
}

/** Who a comment is from: Defender shows API-made changes as the calling application. */
export function commentAuthor(clientId: string): string {
  return `API-App:${clientId}`;
}
