// A response plan for an incident: ordered steps, each tagged safe-to-automate (low impact, easy to
// undo) or needs-a-human (judgement, business impact, or lock-out risk), naming the tool that would
// carry it out. Containment of accounts belongs to m365-identity's contain_user; this server only
// names it. Steps with no tool in m365-mcp say where a human does them.
import type { Alert, Incident } from '../graph/schemas.js';
import { type IncidentEntities, isCompromised } from './entities.js';
import type { ImpactAssessment } from './impact.js';

export type Automation = 'safe-to-automate' | 'needs-a-human';

export interface ResponseStep {
  order: number;
  action: string;
  why: string;
  automation: Automation;
  /** The tool that carries the step out, when one exists in m365-mcp. */
  tool: { server: string; name: string; arguments?: Record<string, unknown> } | null;
  /** Where a human does it when no tool can. */
  where?: string;
  targets: string[];
}

const open = (incident: Incident) => incident.status !== 'resolved' && incident.status !== 'redirected';

function mentions(alerts: readonly Alert[], pattern: RegExp): boolean {
  return alerts.some((a) => pattern.test(`${a.title} ${a.category ?? ''}`));
}

export function responsePlan(
  incident: Incident,
  alerts: readonly Alert[],
  entities: IncidentEntities,
  impact: ImpactAssessment,
): ResponseStep[] {
  const steps: Omit<ResponseStep, 'order'>[] = [];
  if (!open(incident)) {
    return [
      {
        order: 1,
        action: 'Review the resolution and its classification; no containment is pending.',
        why: `The incident is ${incident.status}.`,
        automation: 'needs-a-human',
        tool: null,
        where: 'Microsoft Defender portal',
        targets: [incident.id],
      },
    ];
  }

  if (!incident.assignedTo || incident.status === 'active') {
    steps.push({
      action: 'Take ownership: assign the incident to the responder and set it in progress.',
      why: incident.assignedTo ? 'Nobody has started on it.' : 'Nobody owns it.',
      automation: 'safe-to-automate',
      tool: {
        server: 'm365-security',
        name: 'respond_to_incident',
        arguments: {
          target: 'incident',
          id: incident.id,
          status: 'inProgress',
          assignedTo: '<responder UPN>',
        },
      },
      targets: [incident.id],
    });
  }

  const privileged = new Set(impact.privilegedAccounts.map((p) => p.userId.toLowerCase()));
  for (const user of entities.users.filter(isCompromised)) {
    const name = user.userPrincipalName ?? user.userId ?? user.displayName ?? 'unknown user';
    const isPrivileged = user.userId !== null && privileged.has(user.userId.toLowerCase());
    const ref = user.userId ?? user.userPrincipalName;
    steps.push({
      action: `Revoke ${name}'s sign-in sessions and refresh tokens.`,
      why: 'Ends any session an attacker holds; the user just signs in again.',
      automation: 'safe-to-automate',
      tool: {
        server: 'm365-identity',
        name: 'contain_user',
        arguments: { user: ref, actions: ['revokeSessions'] },
      },
      targets: [name],
    });
    steps.push({
      action: `Confirm ${name} compromised in Identity Protection and disable the account until it is recovered.`,
      why: isPrivileged
        ? 'The account holds a privileged directory role: disabling it can lock administrators out, so confirm a break-glass or other Global Administrator remains first.'
        : 'Stops further sign-ins; the user cannot work until re-enabled.',
      automation: 'needs-a-human',
      tool: {
        server: 'm365-identity',
        name: 'contain_user',
        arguments: { user: ref, actions: ['confirmCompromised', 'disable'] },
      },
      targets: [name],
    });
    steps.push({
      action: `Reset ${name}'s password and review their MFA methods for attacker-registered ones.`,
      why: 'The attacker may know the password or have added a method.',
      automation: 'needs-a-human',
      tool: null,
      where: 'Microsoft Entra admin center (user > Authentication methods)',
      targets: [name],
    });
  }

  if (entities.mailboxes.length > 0 && mentions(alerts, /inbox|mail|forward/i)) {
    steps.push({
      action: 'Remove malicious inbox or forwarding rules and review mail sent since the compromise.',
      why: 'Mailbox rules keep an attacker informed and hide warnings after the password is changed.',
      automation: 'needs-a-human',
      tool: null,
      where: 'Exchange admin center or Exchange Online PowerShell (Get-InboxRule / Remove-InboxRule)',
      targets: entities.mailboxes.map((m) => m.primaryAddress),
    });
  }

  const badIps = entities.indicators.filter((i) => i.type === 'ip').map((i) => i.value);
  if (badIps.length > 0) {
    steps.push({
      action: 'Block the attacker IP addresses (Conditional Access named location or Defender indicators).',
      why: 'Stops new sign-ins from the same infrastructure.',
      automation: 'needs-a-human',
      tool: null,
      where: 'Microsoft Entra admin center (named locations) or Defender portal (Settings > Indicators)',
      targets: badIps,
    });
  }

  const compromisedDevices = entities.devices.filter(
    (d) => d.roles.includes('compromised') || d.verdict === 'malicious' || d.verdict === 'suspicious',
  );
  if (compromisedDevices.length > 0) {
    steps.push({
      action: 'Isolate the affected devices and run a full antivirus scan.',
      why: 'Cuts the device off the network while it is investigated; isolation disrupts the user.',
      automation: 'needs-a-human',
      tool: null,
      where: 'Microsoft Defender portal (device page > Isolate device)',
      targets: compromisedDevices.map((d) => d.hostName ?? d.deviceId ?? 'unknown device'),
    });
  }

  const blockable = entities.indicators.filter(
    (i) => i.type === 'url' || i.type === 'fileHash' || i.type === 'domain',
  );
  if (blockable.length > 0) {
    steps.push({
      action: 'Add the malicious URLs, domains and file hashes as block indicators.',
      why: 'Prevents the same payload or link from working elsewhere in the tenant.',
      automation: 'needs-a-human',
      tool: null,
      where: 'Microsoft Defender portal (Settings > Endpoints > Indicators; Tenant Allow/Block List)',
      targets: blockable.map((i) => i.value),
    });
  }

  steps.push({
    action: 'Record what was found and done as a comment on the incident.',
    why: 'Keeps the investigation trail in Defender for the next responder and for audit.',
    automation: 'safe-to-automate',
    tool: {
      server: 'm365-security',
      name: 'respond_to_incident',
      arguments: { target: 'incident', id: incident.id, comment: '<summary of findings and actions>' },
    },
    targets: [incident.id],
  });
  steps.push({
    action: 'When contained, classify the incident (true or false positive, determination) and resolve it.',
    why: 'Classification is a judgement on the evidence, and resolving also resolves its alerts.',
    automation: 'needs-a-human',
    tool: {
      server: 'm365-security',
      name: 'respond_to_incident',
      arguments: {
        target: 'incident',
        id: incident.id,
        status: 'resolved',
        classification: '<classification>',
      },
    },
    targets: [incident.id],
  });
  return steps.map((step, index) => ({ order: index + 1, ...step }));
}
