// Turns the demo's incident stories into alerts_v2 and incident objects whose fields agree with
// each other: an incident's times span its alerts, its alerts carry its id, status and assignee.

import type {
  AlertClassification,
  AlertComment,
  AlertDetermination,
  AlertEvidence,
  AlertSeverity,
  IncidentSeverity,
  IncidentStatus,
  SecurityAlert,
  SecurityIncident,
  ServiceSource,
} from '../../security.js';
import { stableGuid } from '../../sharepoint/ids.js';

export interface AlertStory {
  /** Defender's id prefix for the service: da (Endpoint), ca (Cloud Apps), ad (Identity Protection), fa (Office 365), dl (DLP), ed (XDR). */
  prefix: 'da' | 'ca' | 'ad' | 'fa' | 'dl' | 'ed';
  title: string;
  description: string;
  recommendedActions: string;
  severity: AlertSeverity;
  serviceSource: ServiceSource;
  detectionSource: string;
  category: string;
  mitreTechniques: string[];
  /** When it was raised, and when the activity it saw started. */
  created: string;
  firstActivity: string;
  evidence: (at: string) => AlertEvidence[];
  threatDisplayName?: string;
  threatFamilyName?: string;
}

export interface IncidentStory {
  id: string;
  displayName: string;
  description: string;
  summary: string | null;
  severity: IncidentSeverity;
  status: IncidentStatus;
  assignedTo: string | null;
  classification: AlertClassification;
  determination: AlertDetermination;
  customTags: string[];
  systemTags?: string[];
  priorityScore: number;
  /** For a resolved incident. */
  resolved?: { at: string; comment: string };
  comments?: AlertComment[];
  alerts: AlertStory[];
}

function alertIdFor(prefix: string, seed: string): string {
  const hex = stableGuid(`alert:${seed}`).replace(/-/g, '');
  const digits = BigInt(`0x${hex.slice(0, 15)}`)
    .toString()
    .padStart(18, '6')
    .slice(0, 18);
  const tail = Number.parseInt(hex.slice(15, 23), 16) - 0x80000000;
  return `${prefix}${digits}_${tail}`;
}

export function buildIncident(
  tenantId: string,
  story: IncidentStory,
): { incident: SecurityIncident; alerts: SecurityAlert[] } {
  const incidentWebUrl = `https://security.microsoft.com/incidents/${story.id}?tid=${tenantId}`;
  const alertStatus =
    story.status === 'resolved' ? 'resolved' : story.status === 'inProgress' ? 'inProgress' : 'new';
  const alerts = story.alerts.map((a, i): SecurityAlert => {
    const id = alertIdFor(a.prefix, `${story.id}/${i}`);
    const lastUpdate = story.resolved?.at ?? a.created;
    return {
      '@odata.type': '#microsoft.graph.security.alert',
      id,
      providerAlertId: id,
      incidentId: story.id,
      status: alertStatus,
      severity: a.severity,
      classification: story.classification,
      determination: story.determination,
      serviceSource: a.serviceSource,
      detectionSource: a.detectionSource,
      detectorId: stableGuid(`detector:${a.title}`),
      tenantId,
      title: a.title,
      description: a.description,
      recommendedActions: a.recommendedActions,
      category: a.category,
      assignedTo: story.assignedTo,
      alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${tenantId}`,
      incidentWebUrl,
      actorDisplayName: null,
      threatDisplayName: a.threatDisplayName ?? null,
      threatFamilyName: a.threatFamilyName ?? null,
      mitreTechniques: a.mitreTechniques,
      createdDateTime: a.created,
      lastUpdateDateTime: lastUpdate,
      resolvedDateTime: story.resolved?.at ?? null,
      firstActivityDateTime: a.firstActivity,
      lastActivityDateTime: a.created,
      comments: [],
      evidence: a.evidence(a.created),
      systemTags: [],
    };
  });
  const created = alerts.map((a) => a.createdDateTime).sort()[0] ?? new Date(0).toISOString();
  const lastUpdate =
    [...alerts.map((a) => a.lastUpdateDateTime), ...(story.comments ?? []).map((c) => c.createdDateTime)]
      .sort()
      .at(-1) ?? created;
  const incident: SecurityIncident = {
    '@odata.type': '#microsoft.graph.security.incident',
    id: story.id,
    tenantId,
    displayName: story.displayName,
    description: story.description,
    summary: story.summary,
    createdDateTime: created,
    lastUpdateDateTime: lastUpdate,
    lastModifiedBy: story.assignedTo ?? 'Microsoft 365 Defender',
    assignedTo: story.assignedTo,
    classification: story.classification,
    determination: story.determination,
    status: story.status,
    severity: story.severity,
    resolvingComment: story.resolved?.comment ?? null,
    customTags: story.customTags,
    systemTags: story.systemTags ?? [],
    comments: story.comments ?? [],
    incidentWebUrl,
    redirectIncidentId: null,
    priorityScore: story.priorityScore,
  };
  return { incident, alerts };
}
