// The demo tenant's Purview policies: an enforced DLP policy for mail, SharePoint and OneDrive, a
// Teams DLP policy still in simulation (planted for CIS 3.2.2), and a published label policy.
import type { DlpCompliancePolicy, LabelPolicy, PurviewData } from '../purview.js';
import { daysAgo, stableId } from './directory/ids.js';

/** The workloads a DLP policy's locations cover, named as the Workload property lists them. */
function workloadOf(
  policy: Pick<
    DlpCompliancePolicy,
    'ExchangeLocation' | 'SharePointLocation' | 'OneDriveLocation' | 'TeamsLocation'
  >,
): string {
  const workloads: string[] = [];
  if (policy.ExchangeLocation.length > 0) workloads.push('Exchange');
  if (policy.SharePointLocation.length > 0) workloads.push('SharePoint');
  if (policy.OneDriveLocation.length > 0) workloads.push('OneDriveForBusiness');
  if (policy.TeamsLocation.length > 0) workloads.push('Teams');
  return workloads.join(', ');
}

export function dlpPolicy(
  now: Date,
  name: string,
  settings: Partial<DlpCompliancePolicy> = {},
): DlpCompliancePolicy {
  const policy: DlpCompliancePolicy = {
    Name: name,
    Guid: stableId(`purview/dlp/${name}`),
    Mode: 'Enable',
    Enabled: true,
    Workload: '',
    ExchangeLocation: [],
    SharePointLocation: [],
    OneDriveLocation: [],
    TeamsLocation: [],
    TeamsLocationException: [],
    Priority: 0,
    DistributionStatus: 'Success',
    WhenCreatedUTC: daysAgo(now, 200),
    WhenChangedUTC: daysAgo(now, 30),
    Type: 'Dlp',
    ...settings,
  };
  return { ...policy, Workload: settings.Workload ?? workloadOf(policy) };
}

export function labelPolicy(now: Date, name: string, settings: Partial<LabelPolicy> = {}): LabelPolicy {
  return {
    Name: name,
    Guid: stableId(`purview/label-policy/${name}`),
    Enabled: true,
    Mode: 'Enforce',
    Type: 'PublishedSensitivityLabel',
    Labels: ['Public', 'General', 'Confidential', 'Highly Confidential'],
    ExchangeLocation: ['All'],
    ExchangeLocationException: [],
    ModernGroupLocation: [],
    Priority: 0,
    DistributionStatus: 'Success',
    WhenCreatedUTC: daysAgo(now, 300),
    WhenChangedUTC: daysAgo(now, 60),
    ...settings,
  };
}

/** The demo tenant's Purview policies. */
export function demoPurview(now: Date): PurviewData {
  return {
    dlpCompliancePolicies: [
      dlpPolicy(now, 'U.S. Financial Data', {
        ExchangeLocation: ['All'],
        SharePointLocation: ['All'],
        OneDriveLocation: ['All'],
        Priority: 0,
      }),
      dlpPolicy(now, 'Teams PII pilot', {
        Mode: 'TestWithNotifications',
        TeamsLocation: ['All'],
        Priority: 1,
      }),
    ],
    labelPolicies: [labelPolicy(now, 'Contoso default labels')],
  };
}
