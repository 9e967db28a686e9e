// MITRE ATT&CK techniques named by an incident's alerts, with the names of the common ones (the ids
// are the facts; the names save the model a lookup).
import type { Alert } from '../graph/schemas.js';

const techniqueNames: Record<string, string> = {
  T1078: 'Valid Accounts',
  T1110: 'Brute Force',
  T1621: 'Multi-Factor Authentication Request Generation',
  'T1564.008': 'Hide Artifacts: Email Hiding Rules',
  T1114: 'Email Collection',
  'T1114.003': 'Email Collection: Email Forwarding Rule',
  T1566: 'Phishing',
  'T1566.001': 'Phishing: Spearphishing Attachment',
  'T1566.002': 'Phishing: Spearphishing Link',
  'T1204.001': 'User Execution: Malicious Link',
  'T1204.002': 'User Execution: Malicious File',
  'T1059.001': 'Command and Scripting Interpreter: PowerShell',
  T1027: 'Obfuscated Files or Information',
  T1057: 'Process Discovery',
  T1098: 'Account Manipulation',
  T1528: 'Steal Application Access Token',
  T1550: 'Use Alternate Authentication Material',
};

export interface Technique {
  id: string;
  name: string | null;
  url: string;
  alertCount: number;
}

const techniqueId = /^T\d{4}(\.\d{3})?$/;

export function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

export function incidentTechniques(alerts: readonly Alert[]): Technique[] {
  const counts = new Map<string, number>();
  for (const alert of alerts) {
    for (const id of new Set(alert.mitreTechniques ?? [])) {
      if (techniqueId.test(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, alertCount]) => ({ id, name: techniqueNames[id] ?? null, url: techniqueUrl(id), alertCount }));
}
