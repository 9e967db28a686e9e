// Reads of Defender XDR data, bounded: every list has caps and says whether it read to the end.
import type { GraphClient, ODataFilter } from '@m365-mcp/graph-core';
import {
  type Alert,
  alertSchema,
  type ControlProfile,
  controlProfileSchema,
  type Incident,
  incidentSchema,
  type SecureScore,
  secureScoreSchema,
} from './schemas.js';

export interface Bounded<T> {
  items: T[];
  /** False when a cap stopped the read: the answer covers only what was read. */
  complete: boolean;
}

/** Caps on what one tool call reads (a busy tenant has thousands of alerts). */
export const readCaps = { alerts: 1000, incidents: 500, controlProfiles: 500, scoreDays: 90 } as const;

/** The daily secure scores of the last `days` days, newest first. Graph returns one object per day. */
export async function readSecureScores(graph: GraphClient, days: number): Promise<Bounded<SecureScore>> {
  const result = await graph.list('/security/secureScores', {
    query: { $top: days },
    schema: secureScoreSchema,
    maxItems: days,
    pageSize: days,
  });
  const items = [...result.items].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  // Reaching `days` items is all that was asked for, so that is complete too.
  return { items, complete: result.complete || items.length >= days };
}

export async function readControlProfiles(graph: GraphClient): Promise<Bounded<ControlProfile>> {
  const result = await graph.list('/security/secureScoreControlProfiles', {
    schema: controlProfileSchema,
    maxItems: readCaps.controlProfiles,
  });
  return { items: result.items, complete: result.complete };
}

/** Alerts matching the filter, newest first (sorted here: Graph documents no $orderby for alerts_v2). */
export async function readAlerts(
  graph: GraphClient,
  filter: ODataFilter | undefined,
  maxItems: number = readCaps.alerts,
): Promise<Bounded<Alert>> {
  const result = await graph.list('/security/alerts_v2', {
    query: filter ? { $filter: filter } : {},
    schema: alertSchema,
    maxItems,
    pageSize: Math.min(maxItems, 500),
  });
  const items = [...result.items].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return { items, complete: result.complete };
}

export async function readAlert(graph: GraphClient, id: string): Promise<Alert> {
  return graph.get(`/security/alerts_v2/${encodeURIComponent(id)}`, { schema: alertSchema });
}

/** Incidents with their alerts (`$expand=alerts`), newest first. */
export async function readIncidents(
  graph: GraphClient,
  filter: ODataFilter | undefined,
  maxItems: number = readCaps.incidents,
): Promise<Bounded<Incident>> {
  const result = await graph.list('/security/incidents', {
    query: { $expand: 'alerts', ...(filter ? { $filter: filter } : {}) },
    schema: incidentSchema,
    maxItems,
    // Graph serves at most 50 incidents a page.
    pageSize: Math.min(maxItems, 50),
  });
  const items = [...result.items].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return { items, complete: result.complete };
}

export async function readIncident(graph: GraphClient, id: string): Promise<Incident> {
  return graph.get(`/security/incidents/${encodeURIComponent(id)}`, {
    query: { $expand: 'alerts' },
    schema: incidentSchema,
  });
}
