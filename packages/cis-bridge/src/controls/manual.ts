import { cisControlId, cisV6Recommendations } from './cis-v6.js';
import { manual } from './define.js';
import { type Control, cis, type ReadWith } from './types.js';

// The CIS v6 recommendations no API shows: each listed so a run says plainly what it did not look
// at, why, and where a person reads the setting (the admin centre path). Titles and levels come
// from the v6 list (cis-v6.ts); the PowerShell bridge imports other tools' results for them.

const PORTAL = 'A portal-only setting with no Graph property.';
const INTUNE = 'An Intune setting; this server does not read Intune (device management) yet.';

/** [CIS id, read with, where (admin centre path), why not here]. */
const rows: [id: string, readWith: ReadWith, where: string, reason: string][] = [
  [
    '1.3.2',
    'Microsoft 365 admin center',
    'Settings > Org settings > Security & privacy > Idle session timeout (3 hours or less)',
    'The idle session timeout has no documented Graph property; the conditional access part alone does not decide it.',
  ],
  [
    '1.3.8',
    'Microsoft 365 admin center',
    'Settings > Org settings > Sway (let people share their sways with people outside the organisation: off)',
    'No API is known for the Sway settings.',
  ],
  [
    '2.2.1',
    'Microsoft Defender portal',
    'An alert policy or SIEM rule on the emergency access accounts’ sign-ins',
    'Monitoring is an alerting arrangement a person confirms; no single setting decides it.',
  ],
  [
    '2.4.3',
    'Microsoft Defender portal',
    'Settings > Cloud Apps (Microsoft 365 app connector, Defender for Cloud Apps policies)',
    'Defender for Cloud Apps configuration has no Graph API for this check.',
  ],
  [
    '4.1',
    'Intune admin center',
    "Devices > Compliance > Compliance settings ('Mark devices with no compliance policy assigned as' Not compliant)",
    INTUNE,
  ],
  [
    '4.2',
    'Intune admin center',
    'Devices > Enrollment > Device platform restriction (personally owned devices: Block)',
    INTUNE,
  ],
  [
    '5.1.2.1',
    'Entra admin center',
    'Users > Per-user multifactor authentication (every user Disabled)',
    'Per-user MFA state has no Graph v1.0 property; the beta per-user read is not evaluated here.',
  ],
  [
    '5.1.2.4',
    'Entra admin center',
    "Users > User settings ('Restrict access to Microsoft Entra admin center' Yes)",
    PORTAL,
  ],
  [
    '5.1.2.5',
    'Entra admin center',
    "Company branding > Sign-in form ('Show option to remain signed in' No)",
    'Not in Graph v1.0 organizational branding; a portal setting.',
  ],
  ['5.1.2.6', 'Entra admin center', "Users > User settings ('LinkedIn account connections' No)", PORTAL],
  [
    '5.1.6.1',
    'Entra admin center',
    'External Identities > External collaboration settings > Collaboration restrictions (allow invitations only to the specified domains)',
    'The B2B domain allow list is only in Graph beta, not verified against the metadata; not evaluated here.',
  ],
  [
    '5.2.3.6',
    'Entra admin center',
    'Authentication methods > Settings > System-preferred multifactor authentication (Enabled)',
    'systemCredentialPreferences is only in Graph beta; not evaluated here.',
  ],
  [
    '5.2.4.1',
    'Entra admin center',
    "Password reset > Properties ('Self service password reset enabled' All)",
    'The SSPR scope is not exposed by Graph.',
  ],
];

const recommendations = new Map(cisV6Recommendations.map((r) => [r.id, r]));

export const manualControls: Control[] = rows.map(([id, readWith, where, reason]) => {
  const recommendation = recommendations.get(id);
  if (!recommendation) throw new Error(`manual.ts names ${id}, which is not a CIS v6 recommendation`);
  return manual({
    id: cisControlId(id),
    title: recommendation.title,
    section: id.split('.').slice(0, 2).join('.'),
    level: recommendation.level,
    profile: recommendation.profile ?? 'E3',
    severity: 'medium',
    references: [cis(id)],
    readWith,
    where,
    reason,
    remediation: `Read and fix with ${readWith} (${where}); import that audit's results with import_audit_report or run_powershell_audit.`,
  });
});
