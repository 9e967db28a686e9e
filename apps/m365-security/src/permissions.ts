// The Graph application permissions this server needs, each the least privileged one in Microsoft's
// catalogue for the calls it makes (graph-core's `permissionsFor`), reads and writes apart.
import { definePermissions } from '@m365-mcp/auth';

export const securityPermissions = definePermissions('m365-security', [
  {
    permission: 'SecurityEvents.Read.All',
    reason:
      'Secure Score: the daily history (GET /security/secureScores) and the improvement actions (GET /security/secureScoreControlProfiles).',
    access: 'read',
  },
  {
    permission: 'SecurityAlert.Read.All',
    reason: 'Defender XDR alerts with their evidence (GET /security/alerts_v2, /security/alerts_v2/{id}).',
    access: 'read',
  },
  {
    permission: 'SecurityIncident.Read.All',
    reason:
      'Defender XDR incidents and their alerts (GET /security/incidents, /security/incidents/{id}?$expand=alerts).',
    access: 'read',
  },
  {
    permission: 'RoleManagement.Read.Directory',
    reason:
      'Impact assessment: whether the accounts in an incident hold directory roles (GET /roleManagement/directory/roleAssignments filtered by principalId, and /roleManagement/directory/roleDefinitions). A compromised Global Administrator changes the urgency and the response plan. Read-only and the least privileged permission for role assignments; without it the server still works and reports privileged status as unknown.',
    access: 'read',
  },
  {
    permission: 'SecurityIncident.ReadWrite.All',
    reason:
      'respond_to_incident: update an incident’s status, classification, determination and assignment (PATCH /security/incidents/{id}) and comment on it (POST /security/incidents/{id}/comments).',
    access: 'write',
  },
  {
    permission: 'SecurityAlert.ReadWrite.All',
    reason:
      'respond_to_incident: update an alert’s status, classification, determination and assignment (PATCH /security/alerts_v2/{id}) and comment on it (POST /security/alerts_v2/{id}/comments).',
    access: 'write',
  },
]);
