import { type CloudProfile, ServiceNotOfferedError, serviceEndpoint } from '@m365-mcp/graph-core';
import type { ServiceRequirement } from './manifest.js';

/** The scope `check` asks Entra for to see a service's token, or why the service has none here. */
export type ServiceScope = { scope: string } | { notOffered: string };

/**
 * The scope the admin API readers ask for (graph-core's endpoint table), so `check` sees the token
 * they will get. SharePoint's is its tenant's own admin host, which `check` does not look up: a
 * token for SharePoint's application id carries the same app roles, which is all `check` reads.
 */
export function serviceTokenScope(requirement: ServiceRequirement, cloud: CloudProfile): ServiceScope {
  try {
    const { scope } = serviceEndpoint(cloud.name, requirement.service);
    return { scope: typeof scope === 'string' ? scope : `${requirement.resourceAppId}/.default` };
  } catch (error) {
    if (error instanceof ServiceNotOfferedError) return { notOffered: error.message };
    throw error;
  }
}
