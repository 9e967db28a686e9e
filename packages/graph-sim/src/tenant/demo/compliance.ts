import type { ComplianceData } from '../compliance.js';

// Planted for the CIS audit: users may use the Office Store and start trials (CIS 1.3.4), Forms
// phishing scans are off (1.3.5), and the only access review covers a privileged role, none covers
// guests (5.3.2 fails, 5.3.3 passes).
export function demoCompliance(now: Date): ComplianceData {
  const day = 24 * 3600 * 1000;
  return {
    retentionEventTypes: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        displayName: 'Employee departure',
        description: 'Starts retention when an employee leaves',
        createdDateTime: new Date(now.getTime() - 300 * day).toISOString(),
      },
    ],
    retentionEvents: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000101',
        displayName: 'Departure of contractor batch 7',
        description: 'Retention starts for the contractors who left in March',
        eventStatus: { status: 'success', error: null },
        eventTriggerDateTime: new Date(now.getTime() - 40 * day).toISOString(),
        createdDateTime: new Date(now.getTime() - 40 * day).toISOString(),
        lastStatusUpdateDateTime: new Date(now.getTime() - 39 * day).toISOString(),
        eventQueries: [{ queryType: 'files', query: 'ComplianceAssetId:contractor-7' }],
      },
    ],
    accessReviewDefinitions: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000201',
        displayName: 'Quarterly review of Global Administrators',
        status: 'InProgress',
        scope: {
          '@odata.type': '#microsoft.graph.principalResourceMembershipsScope',
          principalScopes: [
            {
              '@odata.type': '#microsoft.graph.accessReviewQueryScope',
              query: '/users',
              queryType: 'MicrosoftGraph',
            },
          ],
          resourceScopes: [
            {
              '@odata.type': '#microsoft.graph.accessReviewQueryScope',
              query:
                "/roleManagement/directory/roleAssignmentScheduleInstances?$filter=roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10'",
              queryType: 'MicrosoftGraph',
            },
          ],
        },
        reviewers: [{ query: '/users/admin', queryType: 'MicrosoftGraph' }],
        settings: { recurrence: { pattern: { type: 'absoluteMonthly', interval: 3 } } },
      },
    ],
    appsAndServicesSettings: { isOfficeStoreEnabled: true, isAppAndServicesTrialEnabled: true },
    formsSettings: {
      isExternalSendFormEnabled: true,
      isExternalShareCollaborationEnabled: false,
      isExternalShareResultEnabled: false,
      isExternalShareTemplateEnabled: false,
      isRecordIdentityByDefaultEnabled: true,
      isBingImageSearchEnabled: true,
      isInOrgFormsPhishingScanEnabled: false,
    },
  };
}
