// The parts of Graph's responses this server reads, parsed with zod: tenant data is untrusted, so
// anything unexpected becomes a GraphError instead of a wrong answer.
import { z } from 'zod';

const text = z.string().nullable().optional();
const flag = z.boolean().nullable().optional();

export const riskyUserSchema = z.object({
  id: z.string(),
  userPrincipalName: text,
  userDisplayName: text,
  riskLevel: z.string(),
  riskState: z.string(),
  riskDetail: text,
  riskLastUpdatedDateTime: text,
  isDeleted: flag,
});
export type RiskyUser = z.infer<typeof riskyUserSchema>;

export const riskDetectionSchema = z.object({
  id: z.string(),
  userId: text,
  riskEventType: z.string(),
  riskLevel: z.string(),
  riskState: z.string(),
  detectionTimingType: text,
  activityDateTime: text,
  ipAddress: text,
  location: z.object({ city: text, countryOrRegion: text }).passthrough().nullable().optional(),
});
export type RiskDetection = z.infer<typeof riskDetectionSchema>;

export const registrationDetailsSchema = z.object({
  id: z.string(),
  userPrincipalName: text,
  userDisplayName: text,
  userType: text,
  isAdmin: flag,
  isMfaRegistered: flag,
  isMfaCapable: flag,
  isPasswordlessCapable: flag,
  methodsRegistered: z.array(z.string()).nullable().optional(),
});
export type RegistrationDetails = z.infer<typeof registrationDetailsSchema>;

const idList = z.array(z.string()).nullable().optional();

export const conditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: text,
  state: z.string(),
  modifiedDateTime: text,
  conditions: z
    .object({
      userRiskLevels: idList,
      signInRiskLevels: idList,
      clientAppTypes: idList,
      locations: z
        .object({ includeLocations: idList, excludeLocations: idList })
        .passthrough()
        .nullable()
        .optional(),
      platforms: z
        .object({ includePlatforms: idList, excludePlatforms: idList })
        .passthrough()
        .nullable()
        .optional(),
      devices: z.object({ deviceFilter: z.unknown().optional() }).passthrough().nullable().optional(),
      insiderRiskLevels: z.string().nullable().optional(),
      authenticationFlows: z.object({ transferMethods: text }).passthrough().nullable().optional(),
      applications: z
        .object({ includeApplications: idList, excludeApplications: idList, includeUserActions: idList })
        .passthrough()
        .nullable()
        .optional(),
      users: z
        .object({
          includeUsers: idList,
          excludeUsers: idList,
          includeGroups: idList,
          excludeGroups: idList,
          includeRoles: idList,
          excludeRoles: idList,
          excludeGuestsOrExternalUsers: z
            .object({ guestOrExternalUserTypes: text })
            .passthrough()
            .nullable()
            .optional(),
        })
        .passthrough()
        .nullable()
        .optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
  grantControls: z
    .object({
      operator: text,
      builtInControls: idList,
      authenticationStrength: z.object({ id: z.string() }).passthrough().nullable().optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
});
export type ConditionalAccessPolicy = z.infer<typeof conditionalAccessPolicySchema>;

export const securityDefaultsSchema = z.object({ isEnabled: z.boolean() }).passthrough();

export const principalSchema = z
  .object({
    '@odata.type': z.string().optional(),
    id: z.string(),
    displayName: text,
    userPrincipalName: text,
    userType: text,
    accountEnabled: flag,
    onPremisesSyncEnabled: flag,
    isAssignableToRole: flag,
  })
  .passthrough();
export type GraphPrincipal = z.infer<typeof principalSchema>;

export const roleInstanceSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  roleDefinitionId: z.string(),
  directoryScopeId: text,
  assignmentType: text,
  startDateTime: text,
  endDateTime: text,
  principal: principalSchema.nullable().optional(),
});
export type RoleInstance = z.infer<typeof roleInstanceSchema>;

export const userSchema = z.object({
  id: z.string(),
  displayName: text,
  userPrincipalName: text,
  userType: text,
  accountEnabled: flag,
  createdDateTime: text,
  onPremisesSyncEnabled: flag,
  assignedLicenses: z
    .array(z.object({ skuId: z.string().nullable().optional() }).passthrough())
    .nullable()
    .optional(),
  signInActivity: z
    .object({
      lastSignInDateTime: text,
      lastNonInteractiveSignInDateTime: text,
      lastSuccessfulSignInDateTime: text,
    })
    .passthrough()
    .nullable()
    .optional(),
});
export type GraphUserRecord = z.infer<typeof userSchema>;

export const credentialSchema = z
  .object({
    keyId: text,
    displayName: text,
    startDateTime: text,
    endDateTime: text,
  })
  .passthrough();
export type GraphCredential = z.infer<typeof credentialSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  appId: text,
  displayName: text,
  createdDateTime: text,
  passwordCredentials: z.array(credentialSchema).nullable().optional(),
  keyCredentials: z.array(credentialSchema).nullable().optional(),
});
export type GraphApplication = z.infer<typeof applicationSchema>;

export const servicePrincipalSchema = z.object({
  id: z.string(),
  appId: text,
  displayName: text,
  appOwnerOrganizationId: text,
  servicePrincipalType: text,
  accountEnabled: flag,
  passwordCredentials: z.array(credentialSchema).nullable().optional(),
  keyCredentials: z.array(credentialSchema).nullable().optional(),
});
export type GraphServicePrincipal = z.infer<typeof servicePrincipalSchema>;

export const graphResourceSchema = z.object({
  id: z.string(),
  appRoles: z
    .array(z.object({ id: z.string(), value: z.string().nullable().optional() }).passthrough())
    .nullable()
    .optional(),
});

export const appRoleAssignmentSchema = z.object({
  id: z.string(),
  appRoleId: z.string(),
  principalId: z.string(),
  principalType: text,
  principalDisplayName: text,
  resourceId: text,
  createdDateTime: text,
});
export type AppRoleAssignment = z.infer<typeof appRoleAssignmentSchema>;
