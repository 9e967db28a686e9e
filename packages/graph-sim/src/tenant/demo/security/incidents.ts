// Contoso's Defender XDR incidents: one active, high-severity and unassigned multi-stage attack on
// Isaiah Langer (a Global Administrator), a medium phishing incident in progress with Lee Gu, a
// low endpoint incident and a DLP incident still open, and three resolved ones in the history.
import type { SecurityAlert, SecurityIncident } from '../../security.js';
import type { DemoClock } from '../sharepoint/context.js';
import { buildIncident, type IncidentStory } from './build.js';
import {
  analyzedMessageEvidence,
  cloudApplicationEvidence,
  deviceEvidence,
  fileEvidence,
  ipEvidence,
  mailboxEvidence,
  PLACES,
  processEvidence,
  urlEvidence,
  userEvidence,
} from './evidence.js';

/** The incident the demo is about: active, high severity, unassigned, touching a Global Administrator. */
export const DEMO_ATTACK_INCIDENT_ID = '3051359';

const ISAIAH_LAPTOP = {
  hostName: 'CONTOSO-LT-0142',
  mdeDeviceId: '7b2e1f0c9a4d3e5f6a7b8c9d0e1f2a3b4c5d6e7f',
  azureAdDeviceId: '5f0c6a2e-3b1d-4c8e-9a7f-2d4e6b8c0a1f',
};
const NESTOR_DESKTOP = {
  hostName: 'CONTOSO-WS-0077',
  mdeDeviceId: 'c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7',
  azureAdDeviceId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
};
const GRADY_LAPTOP = {
  hostName: 'CONTOSO-LT-0203',
  mdeDeviceId: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  azureAdDeviceId: '1b2c3d4e-5f60-4718-a293-b4c5d6e7f801',
};

const ATTACKER_IP = '203.0.113.45';
const ISAIAH_IP = '198.51.100.10';
const EXCHANGE_ONLINE = 20893;

export function demoIncidentStories(clock: DemoClock): IncidentStory[] {
  const at = clock.ago;
  return [
    {
      id: DEMO_ATTACK_INCIDENT_ID,
      displayName:
        'Multi-stage incident involving Initial access & Credential access & Defense evasion on one user reported by multiple sources',
      description:
        'Isaiah Langer signed in from Redmond and, minutes later, from Amsterdam after a burst of denied MFA prompts. The new session created an inbox rule that moves mail from the security team to RSS Subscriptions and marks it read.',
      summary:
        'Likely account takeover of a Global Administrator through MFA fatigue, followed by mailbox persistence.',
      severity: 'high',
      status: 'active',
      assignedTo: null,
      classification: 'unknown',
      determination: 'unknown',
      customTags: [],
      systemTags: ['Credential Phish'],
      priorityScore: 92,
      alerts: [
        {
          prefix: 'ad',
          title: 'Possible MFA fatigue attack',
          description:
            'The user received 27 multifactor authentication push notifications in 11 minutes and approved the last one. Attackers who hold a password repeat prompts until the user gives in.',
          recommendedActions:
            "Confirm with the user whether they approved the prompt. Revoke the user's sessions, reset the password, and require number matching in Microsoft Authenticator.",
          severity: 'high',
          serviceSource: 'azureAdIdentityProtection',
          detectionSource: 'azureAdIdentityProtection',
          category: 'CredentialAccess',
          mitreTechniques: ['T1110', 'T1621'],
          created: at(0.15),
          firstActivity: at(0.16),
          evidence: (t) => [
            userEvidence(t, 'isaiah'),
            ipEvidence(t, ATTACKER_IP, PLACES.amsterdam, 'malicious', ['attacker']),
            deviceEvidence(t, { ...ISAIAH_LAPTOP, user: 'isaiah', risk: 'none', roles: ['contextual'] }),
          ],
        },
        {
          prefix: 'ad',
          title: 'Unfamiliar sign-in properties',
          description:
            'The sign-in came from an IP address, location and browser that this user has not used before.',
          recommendedActions:
            'Confirm the sign-in with the user; if it was not theirs, revoke sessions and reset the password.',
          severity: 'medium',
          serviceSource: 'azureAdIdentityProtection',
          detectionSource: 'azureAdIdentityProtection',
          category: 'InitialAccess',
          mitreTechniques: ['T1078'],
          created: at(0.145),
          firstActivity: at(0.155),
          evidence: (t) => [
            userEvidence(t, 'isaiah'),
            ipEvidence(t, ATTACKER_IP, PLACES.amsterdam, 'malicious', ['attacker']),
          ],
        },
        {
          prefix: 'ca',
          title: 'Impossible travel activity',
          description:
            'The user signed in from Redmond, United States and 14 minutes later from Amsterdam, Netherlands. Nobody can travel that distance in that time.',
          recommendedActions:
            'Check the sign-in logs for the two locations, confirm with the user, and revoke sessions if the second sign-in was not theirs.',
          severity: 'medium',
          serviceSource: 'microsoftDefenderForCloudApps',
          detectionSource: 'cloudAppSecurity',
          category: 'InitialAccess',
          mitreTechniques: ['T1078'],
          created: at(0.14),
          firstActivity: at(0.155),
          evidence: (t) => [
            userEvidence(t, 'isaiah'),
            ipEvidence(t, ISAIAH_IP, PLACES.redmond, 'noThreatsFound', ['source']),
            ipEvidence(t, ATTACKER_IP, PLACES.amsterdam, 'malicious', ['attacker']),
            cloudApplicationEvidence(t, EXCHANGE_ONLINE, 'Microsoft Exchange Online'),
          ],
        },
        {
          prefix: 'ca',
          title: 'Suspicious inbox manipulation rule',
          description:
            'A new inbox rule in the user\'s mailbox moves messages containing "security", "MFA" or "password" to RSS Subscriptions and marks them as read.',
          recommendedActions:
            'Remove the inbox rule, review mail sent from the mailbox since the sign-in, and block the source IP address.',
          severity: 'high',
          serviceSource: 'microsoftDefenderForCloudApps',
          detectionSource: 'cloudAppSecurity',
          category: 'DefenseEvasion',
          mitreTechniques: ['T1564.008'],
          created: at(0.12),
          firstActivity: at(0.13),
          evidence: (t) => [
            userEvidence(t, 'isaiah'),
            mailboxEvidence(t, 'isaiah'),
            ipEvidence(t, ATTACKER_IP, PLACES.amsterdam, 'malicious', ['attacker']),
            cloudApplicationEvidence(t, EXCHANGE_ONLINE, 'Microsoft Exchange Online'),
          ],
        },
      ],
    },
    {
      id: '3051344',
      displayName: 'Phishing campaign with a malicious URL involving multiple users',
      description:
        'Messages impersonating a Microsoft 365 password-expiry notice reached two mailboxes; one recipient clicked the link.',
      summary: null,
      severity: 'medium',
      status: 'inProgress',
      assignedTo: 'LeeG@contoso.com',
      classification: 'truePositive',
      determination: 'phishing',
      customTags: ['Phishing'],
      priorityScore: 61,
      comments: [
        {
          comment: 'Messages purged by ZAP. Checking whether Adele entered her password on the page.',
          createdByDisplayName: 'Lee Gu',
          createdDateTime: at(0.6),
        },
      ],
      alerts: [
        {
          prefix: 'fa',
          title: 'Email messages containing malicious URL removed after delivery',
          description:
            'Zero-hour auto purge removed 2 messages with a phishing URL after they were delivered.',
          recommendedActions:
            'Review the messages and the recipients, and check whether any recipient clicked the URL.',
          severity: 'medium',
          serviceSource: 'microsoftDefenderForOffice365',
          detectionSource: 'microsoftDefenderForOffice365',
          category: 'InitialAccess',
          mitreTechniques: ['T1566.002'],
          created: at(1),
          firstActivity: at(1.05),
          evidence: (t) => [
            analyzedMessageEvidence(t, {
              recipient: 'adele',
              subject: 'Your password expires today',
              sender: 'no-reply@contoso-passwords.example',
              senderIp: '192.0.2.77',
              url: 'https://contoso-passwords.example/reset',
              networkMessageId: '6a1c2e7d-0b4f-4c1e-9d2a-3f5b6c7d8e9f',
            }),
            mailboxEvidence(t, 'adele', 'unknown'),
            mailboxEvidence(t, 'grady', 'unknown'),
            urlEvidence(t, 'https://contoso-passwords.example/reset'),
          ],
        },
        {
          prefix: 'fa',
          title: 'A potentially malicious URL click was detected',
          description: 'A user clicked a URL that was later found to be malicious.',
          recommendedActions:
            "Reset the user's password if they entered it, and review their recent sign-ins.",
          severity: 'medium',
          serviceSource: 'microsoftDefenderForOffice365',
          detectionSource: 'microsoftDefenderForOffice365',
          category: 'InitialAccess',
          mitreTechniques: ['T1566.002', 'T1204.001'],
          created: at(0.95),
          firstActivity: at(0.97),
          evidence: (t) => [
            userEvidence(t, 'adele'),
            urlEvidence(t, 'https://contoso-passwords.example/reset'),
          ],
        },
      ],
    },
    {
      id: '3051317',
      displayName: 'Suspicious PowerShell activity on one endpoint',
      description: 'An encoded PowerShell command ran on a workstation and enumerated running processes.',
      summary: null,
      severity: 'low',
      status: 'active',
      assignedTo: null,
      classification: 'unknown',
      determination: 'unknown',
      customTags: [],
      priorityScore: 28,
      alerts: [
        {
          prefix: 'da',
          title: 'Suspicious PowerShell command line',
          description:
            'A PowerShell process ran with an encoded command, which is often used to hide malicious scripts.',
          recommendedActions:
            'Decode the command, review the device timeline, and isolate the device if the script is malicious.',
          severity: 'low',
          serviceSource: 'microsoftDefenderForEndpoint',
          detectionSource: 'microsoftDefenderForEndpoint',
          category: 'Execution',
          mitreTechniques: ['T1059.001', 'T1027'],
          created: at(2),
          firstActivity: at(2.01),
          evidence: (t) => [
            deviceEvidence(t, {
              ...NESTOR_DESKTOP,
              user: 'nestor',
              risk: 'low',
              roles: ['compromised'],
              verdict: 'suspicious',
            }),
            processEvidence(t, {
              processId: 8812,
              fileName: 'powershell.exe',
              filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
              commandLine: 'powershell.exe -NoProfile -EncodedCommand RwBlAHQALQBQAHIAbwBjAGUAcwBzAA==',
              parentId: 4120,
              parentFileName: 'explorer.exe',
              user: 'nestor',
              mdeDeviceId: NESTOR_DESKTOP.mdeDeviceId,
            }),
            userEvidence(t, 'nestor', 'unknown', []),
          ],
        },
        {
          prefix: 'da',
          title: 'Suspicious process discovery',
          description:
            'A process listed running processes, a common step to find security tools before disabling them.',
          recommendedActions: 'Review the process tree and the user who ran it.',
          severity: 'low',
          serviceSource: 'microsoftDefenderForEndpoint',
          detectionSource: 'microsoftDefenderForEndpoint',
          category: 'Discovery',
          mitreTechniques: ['T1057'],
          created: at(1.98),
          firstActivity: at(2),
          evidence: (t) => [
            deviceEvidence(t, {
              ...NESTOR_DESKTOP,
              user: 'nestor',
              risk: 'low',
              roles: ['compromised'],
              verdict: 'suspicious',
            }),
          ],
        },
      ],
    },
    {
      id: '3051302',
      displayName: 'DLP policy (U.S. Financial Data) matched for a document in SharePoint',
      description: 'A file with payment card numbers in the Finance site is shared with an anyone link.',
      summary: null,
      severity: 'medium',
      status: 'active',
      assignedTo: null,
      classification: 'unknown',
      determination: 'unknown',
      customTags: [],
      priorityScore: 45,
      alerts: [
        {
          prefix: 'dl',
          title:
            "DLP policy (U.S. Financial Data) matched for document 'Card settlements Q3.csv' in SharePoint",
          description:
            'The document contains 5 credit card numbers and is shared with anyone who has the link.',
          recommendedActions:
            'Remove the anyone link, move the file to a restricted location, and review who opened it.',
          severity: 'medium',
          serviceSource: 'dataLossPrevention',
          detectionSource: 'microsoftDataLossPrevention',
          category: 'Exfiltration',
          mitreTechniques: [],
          created: at(3),
          firstActivity: at(3.01),
          evidence: (t) => [
            userEvidence(t, 'joni', 'unknown', []),
            fileEvidence(
              t,
              {
                fileName: 'Card settlements Q3.csv',
                filePath: 'https://contoso.sharepoint.com/sites/finance/Shared Documents/Payments',
                sha1: '8f14e45fceea167a5a36dedd4bea2543bb6b5ef0',
                sha256: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
                fileSize: 412,
              },
              { verdict: 'suspicious', detectionStatus: 'detected' },
            ),
          ],
        },
      ],
    },
    {
      id: '3051188',
      displayName: "'Wacatac' malware was prevented on one endpoint",
      description: 'Microsoft Defender Antivirus blocked a trojan downloaded from a file-sharing site.',
      summary: null,
      severity: 'medium',
      status: 'resolved',
      assignedTo: 'MeganB@contoso.com',
      classification: 'truePositive',
      determination: 'malware',
      customTags: [],
      priorityScore: 40,
      resolved: { at: clock.ago(19), comment: 'Blocked before execution; full scan clean.' },
      alerts: [
        {
          prefix: 'da',
          title: "'Wacatac' malware was prevented",
          description:
            'Microsoft Defender Antivirus prevented the trojan Trojan:Win32/Wacatac.B!ml from running.',
          recommendedActions: 'Run a full scan and check the download source.',
          severity: 'medium',
          serviceSource: 'microsoftDefenderForEndpoint',
          detectionSource: 'antivirus',
          category: 'Malware',
          mitreTechniques: [],
          threatDisplayName: 'Trojan:Win32/Wacatac.B!ml',
          threatFamilyName: 'Wacatac',
          created: at(20),
          firstActivity: at(20.01),
          evidence: (t) => [
            deviceEvidence(t, { ...GRADY_LAPTOP, user: 'grady', risk: 'none', roles: [] }),
            fileEvidence(
              t,
              {
                fileName: 'invoice_viewer.exe',
                filePath: 'C:\\Users\\GradyA\\Downloads',
                sha1: '3395856ce81f2b7382dee72602f798b642f14140',
                sha256: 'ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73',
                fileSize: 1_204_224,
              },
              {
                mdeDeviceId: GRADY_LAPTOP.mdeDeviceId,
                remediation: 'prevented',
                detectionStatus: 'prevented',
              },
            ),
          ],
        },
      ],
    },
    {
      id: '3051020',
      displayName: 'Activity from infrequent country involving one user',
      description: 'Sign-in activity from Portugal, where Contoso has no users.',
      summary: null,
      severity: 'low',
      status: 'resolved',
      assignedTo: 'LeeG@contoso.com',
      classification: 'falsePositive',
      determination: 'notMalicious',
      customTags: [],
      priorityScore: 12,
      resolved: { at: clock.ago(44), comment: 'Patti was at a conference in Lisbon.' },
      alerts: [
        {
          prefix: 'ca',
          title: 'Activity from infrequent country',
          description:
            'The user signed in from Portugal, a country no user in the organization signed in from recently.',
          recommendedActions: 'Confirm the travel with the user.',
          severity: 'low',
          serviceSource: 'microsoftDefenderForCloudApps',
          detectionSource: 'cloudAppSecurity',
          category: 'InitialAccess',
          mitreTechniques: ['T1078'],
          created: at(45),
          firstActivity: at(45.02),
          evidence: (t) => [
            userEvidence(t, 'patti', 'noThreatsFound', []),
            ipEvidence(t, '198.51.100.200', PLACES.lisbon, 'noThreatsFound'),
          ],
        },
      ],
    },
    {
      id: '3050981',
      displayName: 'Email reported by user as malware or phish',
      description: 'A user reported an internal phishing-simulation message.',
      summary: null,
      severity: 'informational',
      status: 'resolved',
      assignedTo: 'LeeG@contoso.com',
      classification: 'informationalExpectedActivity',
      determination: 'securityTesting',
      customTags: ['Simulation'],
      priorityScore: 3,
      resolved: { at: clock.ago(59), comment: 'Attack simulation training message.' },
      alerts: [
        {
          prefix: 'fa',
          title: 'Email reported by user as malware or phish',
          description: 'A user reported a message as phishing.',
          recommendedActions: 'Review the reported message.',
          severity: 'informational',
          serviceSource: 'microsoftDefenderForOffice365',
          detectionSource: 'microsoftDefenderForOffice365',
          category: 'InitialAccess',
          mitreTechniques: [],
          created: at(60),
          firstActivity: at(60.01),
          evidence: (t) => [mailboxEvidence(t, 'johanna', 'noThreatsFound')],
        },
      ],
    },
  ];
}

export function demoIncidents(
  tenantId: string,
  clock: DemoClock,
): { incidents: SecurityIncident[]; alerts: SecurityAlert[] } {
  const built = demoIncidentStories(clock).map((story) => buildIncident(tenantId, story));
  return {
    incidents: built.map((b) => b.incident),
    alerts: built.flatMap((b) => b.alerts).sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime)),
  };
}
