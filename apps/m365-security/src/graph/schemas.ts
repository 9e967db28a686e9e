// The parts of Graph's security shapes this server reads, parsed at the boundary. Unknown properties
// are dropped; enums are read as strings because Graph adds members (unknownFutureValue and later).
import { z } from 'zod';

const nullableString = z.string().nullable().optional();

export const secureScoreSchema = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  currentScore: z.number(),
  maxScore: z.number(),
  activeUserCount: z.number().nullable().optional(),
  licensedUserCount: z.number().nullable().optional(),
  averageComparativeScores: z
    .array(z.object({ basis: z.string(), averageScore: z.number() }))
    .nullable()
    .optional(),
  controlScores: z
    .array(
      z.object({
        controlName: z.string(),
        controlCategory: nullableString,
        score: z.number().nullable().optional(),
        implementationStatus: nullableString,
      }),
    )
    .nullable()
    .optional(),
});
export type SecureScore = z.infer<typeof secureScoreSchema>;

export const controlProfileSchema = z.object({
  id: z.string(),
  title: z.string(),
  controlCategory: nullableString,
  service: nullableString,
  maxScore: z.number(),
  rank: z.number().nullable().optional(),
  deprecated: z.boolean().nullable().optional(),
  userImpact: nullableString,
  implementationCost: nullableString,
  actionType: nullableString,
  remediation: nullableString,
  remediationImpact: nullableString,
  actionUrl: nullableString,
  threats: z.array(z.string()).nullable().optional(),
  controlStateUpdates: z
    .array(z.object({ state: z.string(), updatedDateTime: nullableString }))
    .nullable()
    .optional(),
});
export type ControlProfile = z.infer<typeof controlProfileSchema>;

/** One evidence item: polymorphic by `@odata.type`, so the type-specific fields stay loose. */
export const evidenceSchema = z.looseObject({
  '@odata.type': z.string(),
  verdict: nullableString,
  roles: z.array(z.string()).nullable().optional(),
  remediationStatus: nullableString,
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const alertSchema = z.object({
  id: z.string(),
  incidentId: nullableString,
  title: z.string(),
  description: nullableString,
  recommendedActions: nullableString,
  severity: z.string(),
  status: z.string(),
  classification: nullableString,
  determination: nullableString,
  serviceSource: z.string(),
  detectionSource: nullableString,
  category: nullableString,
  assignedTo: nullableString,
  alertWebUrl: nullableString,
  mitreTechniques: z.array(z.string()).nullable().optional(),
  createdDateTime: z.string(),
  lastUpdateDateTime: nullableString,
  firstActivityDateTime: nullableString,
  lastActivityDateTime: nullableString,
  threatDisplayName: nullableString,
  evidence: z.array(evidenceSchema).nullable().optional(),
  comments: z
    .array(z.object({ comment: z.string().nullable(), createdByDisplayName: nullableString }))
    .nullable()
    .optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const incidentSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  description: nullableString,
  summary: nullableString,
  severity: z.string(),
  status: z.string(),
  classification: nullableString,
  determination: nullableString,
  assignedTo: nullableString,
  createdDateTime: z.string(),
  lastUpdateDateTime: nullableString,
  incidentWebUrl: nullableString,
  customTags: z.array(z.string()).nullable().optional(),
  priorityScore: z.number().nullable().optional(),
  alerts: z.array(alertSchema).optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const roleAssignmentSchema = z.object({
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: nullableString,
});
