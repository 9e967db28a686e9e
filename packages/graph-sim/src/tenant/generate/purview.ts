// Purview policies for generated tenants: DLP policies and label policies whose modes and
// locations are drawn from the seed. Deterministic: the same options give the same policies.
import { dlpPolicy, labelPolicy } from '../demo/purview.js';
import type { PurviewData } from '../purview.js';
import { seededRandom } from './seeded-random.js';

export interface GeneratePurviewOptions {
  /** Any text or number; the same seed gives the same policies. Default 'contoso'. */
  seed?: string | number;
  /** "Now" for the policies' dates; default the current time. */
  now?: Date;
  /** An enforced DLP policy for every location (Teams included) and label policies. Default false. */
  hardened?: boolean;
}

const MODES = ['Enable', 'Enable', 'TestWithNotifications', 'TestWithoutNotifications', 'Disable'] as const;

export function generatePurview(options: GeneratePurviewOptions = {}): PurviewData {
  const now = options.now ?? new Date();
  const random = seededRandom(`purview/${options.seed ?? 'contoso'}`);
  const mode = () => MODES[Math.floor(random() * MODES.length)] ?? 'Enable';
  const dlpPolicies = Math.floor(random() * 4);
  const dlpCompliancePolicies = Array.from({ length: dlpPolicies }, (_, i) => {
    const teams = random() < 0.5;
    return dlpPolicy(now, `DLP policy ${i + 1}`, {
      Mode: mode(),
      ExchangeLocation: ['All'],
      SharePointLocation: random() < 0.7 ? ['All'] : [],
      OneDriveLocation: random() < 0.7 ? ['All'] : [],
      TeamsLocation: teams ? ['All'] : [],
      Priority: i,
    });
  });
  if (options.hardened === true) {
    dlpCompliancePolicies.unshift(
      dlpPolicy(now, 'Protect sensitive information', {
        Mode: 'Enable',
        ExchangeLocation: ['All'],
        SharePointLocation: ['All'],
        OneDriveLocation: ['All'],
        TeamsLocation: ['All'],
        Priority: 0,
      }),
    );
    dlpCompliancePolicies.forEach((policy, i) => {
      policy.Priority = i;
    });
  }
  const labelPolicies =
    random() < 0.7 || options.hardened === true ? [labelPolicy(now, 'Default labels')] : [];
  return { dlpCompliancePolicies, labelPolicies };
}
